using Confluent.Kafka;

namespace PinterestPipeline.RestProxy.Kafka;

/// <summary>The producer settings the proxy's contract depends on.</summary>
public static class ProducerDefaults
{
    /// <summary>1 MiB of data plus 16 KiB for the key, the headers and the framing of one record.</summary>
    public const int MaxMessageBytes = (1024 + 16) * 1024;

    public static void Apply(ProducerConfig config, RestProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);

        // Confluent's proxy turns idempotence off; keeping it on means a retried batch is never written twice.
        config.EnableIdempotence = true;
        config.Acks = Acks.All;

        // The Java client's partitioner for keyed records, so a key lands where Confluent's proxy puts it.
        config.Partitioner = Partitioner.Murmur2Random;

        // The proxy answers unknown topics from metadata; the producer must never create one as a side effect.
        config.AllowAutoCreateTopics = false;

        config.LingerMs = options.LingerMs;
        config.MessageTimeoutMs = (int)options.DeliveryTimeout.TotalMilliseconds;

        // Kinesis takes records of up to 1 MiB of data; with its key (up to 256 characters), headers and the
        // batch framing such a record is a little over librdkafka's default limit of 1,000,000 bytes.
        config.MessageMaxBytes ??= MaxMessageBytes;

        // Delivery reports need only partition, offset and error; not copying keys and values back saves work per record.
        config.DeliveryReportFields = "none";

        // A broker that comes back is found within seconds rather than librdkafka's default of up to 10 s.
        config.ReconnectBackoffMaxMs ??= 2000;
    }
}
