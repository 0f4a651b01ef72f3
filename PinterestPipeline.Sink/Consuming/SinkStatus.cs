namespace PinterestPipeline.Sink.Consuming;

/// <summary>Why the sink stopped on its own, if it did; <c>Program</c> turns it into the exit code.</summary>
public sealed class SinkStatus
{
    /// <summary>The sink stopped on its own: a bad record under <c>errors.tolerance=none</c>, or the bucket or Kafka failed.</summary>
    public const int FailedExitCode = 1;

    public Exception? Failure { get; private set; }

    /// <summary>0 after a stop that was asked for, <see cref="FailedExitCode"/> after <see cref="Failure"/>.</summary>
    public int ExitCode => Failure is null ? 0 : FailedExitCode;

    internal void Fail(Exception failure) => Failure = failure;
}
