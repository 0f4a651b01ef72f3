using Confluent.Kafka;

namespace PinterestPipeline.RestProxy.Kafka;

/// <summary>
/// What the producer's error events say about the cluster: a fatal error, remembered for <c>/health</c>, and when
/// the last error (a broker connection lost or refused, all brokers down) came, so cached metadata older than that
/// is not served as the cluster's current state. ServiceDefaults logs the events; this only remembers them.
/// </summary>
public sealed class ProducerStatus(TimeProvider time)
{
    private long lastErrorTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>Set when the producer hit a fatal error: it can no longer produce and the process needs a restart.</summary>
    public string? FatalError { get; private set; }

    /// <summary>When the producer last reported an error; <see cref="DateTimeOffset.MinValue"/> if it never did.</summary>
    public DateTimeOffset LastErrorAt => new(Interlocked.Read(ref lastErrorTicks), TimeSpan.Zero);

    public void OnError(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Interlocked.Exchange(ref lastErrorTicks, time.GetUtcNow().UtcTicks);
        if (error.IsFatal)
        {
            FatalError = error.Reason;
        }
    }
}
