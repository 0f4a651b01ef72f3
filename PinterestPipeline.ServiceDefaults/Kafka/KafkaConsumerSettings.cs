using Confluent.Kafka;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Settings of <see cref="KafkaExtensions.AddKafkaConsumer{TKey, TValue}"/>, bound from
/// <c>Aspire:Confluent:Kafka:Consumer</c>; <c>:Config</c> holds librdkafka properties, as in Aspire.Confluent.Kafka.
/// </summary>
public sealed class KafkaConsumerSettings
{
    public string? ConnectionString { get; set; }

    public ConsumerConfig Config { get; } = new();

    public bool DisableHealthChecks { get; set; }

    public bool DisableTracing { get; set; }

    public bool DisableMetrics { get; set; }

    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
