using Confluent.Kafka;

namespace Microsoft.Extensions.Hosting;

/// <summary>What <see cref="KafkaProducerSettings"/> and <see cref="KafkaConsumerSettings"/> share, for their one registration path.</summary>
internal interface IKafkaClientSettings
{
    string? ConnectionString { get; }

    ClientConfig Config { get; }

    bool DisableHealthChecks { get; }

    bool DisableTracing { get; }

    bool DisableMetrics { get; }

    TimeSpan HealthCheckTimeout { get; }
}
