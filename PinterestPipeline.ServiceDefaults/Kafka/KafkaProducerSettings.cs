using Confluent.Kafka;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Settings of <see cref="KafkaExtensions.AddKafkaProducer{TKey, TValue}"/>, bound from
/// <c>Aspire:Confluent:Kafka:Producer</c>; <c>:Config</c> holds librdkafka properties (either the
/// typed names, <c>LingerMs</c>, or librdkafka's own, <c>linger.ms</c>), as in Aspire.Confluent.Kafka.
/// </summary>
public sealed class KafkaProducerSettings
{
    public string? ConnectionString { get; set; }

    public ProducerConfig Config { get; } = new();

    public bool DisableHealthChecks { get; set; }

    public bool DisableTracing { get; set; }

    public bool DisableMetrics { get; set; }

    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
