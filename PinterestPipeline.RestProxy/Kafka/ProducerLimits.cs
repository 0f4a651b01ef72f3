namespace PinterestPipeline.RestProxy.Kafka;

/// <summary>The producer's limits as configured (after <see cref="ProducerDefaults"/> and any <c>Producer:Config</c> override).</summary>
public sealed class ProducerLimits
{
    /// <summary>librdkafka's <c>message.max.bytes</c>: no record larger than this reaches the broker.</summary>
    public int MessageMaxBytes { get; set; } = ProducerDefaults.MaxMessageBytes;
}
