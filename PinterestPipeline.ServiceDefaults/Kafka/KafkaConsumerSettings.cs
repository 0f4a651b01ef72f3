using Confluent.Kafka;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Settings of <see cref="KafkaExtensions.AddKafkaConsumer{TKey, TValue}"/>, bound from
/// <c>Aspire:Confluent:Kafka:Consumer</c>; <c>:Config</c> holds librdkafka properties (either the
/// typed names, <c>StatisticsIntervalMs</c>, or librdkafka's own, <c>statistics.interval.ms</c>), as in Aspire.Confluent.Kafka.
/// </summary>
public sealed class KafkaConsumerSettings : IKafkaClientSettings
{
    /// <summary>Bootstrap servers, used when <c>ConnectionStrings:&lt;connectionName&gt;</c> is not set.</summary>
    public string? ConnectionString { get; set; }

    public ConsumerConfig Config { get; } = new();

    ClientConfig IKafkaClientSettings.Config => Config;

    /// <summary>Skips the <c>Kafka_&lt;connectionName&gt;_consumer</c> metadata health check.</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>
    /// Leaves the <see cref="PipelineTelemetry.ActivitySourceName"/> source (where <see cref="KafkaTracing"/>
    /// reports) out of the OpenTelemetry registration made here; <c>AddServiceDefaults</c> registers it on its own.
    /// </summary>
    public bool DisableTracing { get; set; }

    /// <summary>Skips the statistics handler and the metrics; <c>statistics.interval.ms</c> is then left as configured.</summary>
    public bool DisableMetrics { get; set; }

    /// <summary>How long the health check waits for a metadata answer before it reports Unhealthy.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
