namespace PinterestPipeline.Sink.Consuming;

/// <summary>Why the sink stopped on its own, if it did; <c>Program</c> turns it into the exit code.</summary>
public sealed class SinkStatus
{
    public Exception? Failure { get; private set; }

    internal void Fail(Exception failure) => Failure = failure;
}
