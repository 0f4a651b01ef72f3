using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A thin equivalent of Aspire.Confluent.Kafka (not served by our package mirror): same method names and
/// configuration sections, so moving to the official package is a package reference.
/// </summary>
public static class KafkaExtensions
{
    public const string ProducerSectionName = "Aspire:Confluent:Kafka:Producer";
    public const string ConsumerSectionName = "Aspire:Confluent:Kafka:Consumer";

    /// <summary>
    /// Registers a singleton <see cref="IProducer{TKey, TValue}"/> whose bootstrap servers are
    /// <c>ConnectionStrings:&lt;connectionName&gt;</c>.
    /// </summary>
    public static void AddKafkaProducer<TKey, TValue>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<KafkaProducerSettings>? configureSettings = null,
        Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = new KafkaProducerSettings();
        var section = builder.Configuration.GetSection(ProducerSectionName);
        section.Bind(settings);
        KafkaConfigBinder.Bind(section.GetSection("Config"), settings.Config);
        configureSettings?.Invoke(settings);
        settings.Config.BootstrapServers = ConnectionStringResolver.Require(builder.Configuration, connectionName, settings.ConnectionString, ProducerSectionName);

        builder.Services.AddSingleton(sp =>
        {
            var producerBuilder = new ProducerBuilder<TKey, TValue>(settings.Config);
            configureBuilder?.Invoke(sp, producerBuilder);
            return producerBuilder.Build();
        });
    }

    /// <summary>
    /// Registers a singleton <see cref="IConsumer{TKey, TValue}"/> whose bootstrap servers are
    /// <c>ConnectionStrings:&lt;connectionName&gt;</c>.
    /// </summary>
    public static void AddKafkaConsumer<TKey, TValue>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<KafkaConsumerSettings>? configureSettings = null,
        Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = new KafkaConsumerSettings();
        var section = builder.Configuration.GetSection(ConsumerSectionName);
        section.Bind(settings);
        KafkaConfigBinder.Bind(section.GetSection("Config"), settings.Config);
        configureSettings?.Invoke(settings);
        settings.Config.BootstrapServers = ConnectionStringResolver.Require(builder.Configuration, connectionName, settings.ConnectionString, ConsumerSectionName);

        builder.Services.AddSingleton(sp =>
        {
            var consumerBuilder = new ConsumerBuilder<TKey, TValue>(settings.Config);
            configureBuilder?.Invoke(sp, consumerBuilder);
            return consumerBuilder.Build();
        });
    }
}
