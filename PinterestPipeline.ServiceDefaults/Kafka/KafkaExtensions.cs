using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A thin equivalent of Aspire.Confluent.Kafka (not served by our package mirror): same method names and
/// configuration sections, so moving to the official package is a package reference. Each client gets
/// librdkafka's log lines and error events in <see cref="ILogger"/> (category <c>Confluent.Kafka</c>, each once, a
/// broker outage as one line when it starts and one when it ends: <see cref="KafkaClientLog"/>), metrics from
/// librdkafka statistics, and a metadata health check named <c>Kafka_&lt;connectionName&gt;_producer|consumer</c>.
/// </summary>
public static class KafkaExtensions
{
    public const string ProducerSectionName = "Aspire:Confluent:Kafka:Producer";
    public const string ConsumerSectionName = "Aspire:Confluent:Kafka:Consumer";

    /// <summary>
    /// The statistics interval used when <c>statistics.interval.ms</c> is not configured: the sample is a JSON
    /// document per broker and partition, so a few seconds keeps its parsing cheap while the dashboard still moves.
    /// The log reads it too (also with metrics off), to see a broker that was down connected again.
    /// </summary>
    public const int DefaultStatisticsIntervalMs = 5000;

    /// <summary>
    /// Registers a singleton <see cref="IProducer{TKey, TValue}"/> whose bootstrap servers are
    /// <c>ConnectionStrings:&lt;connectionName&gt;</c>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="connectionName">The connection string name, e.g. <c>kafka</c>.</param>
    /// <param name="configureSettings">Runs after configuration is bound.</param>
    /// <param name="configureBuilder">
    /// Customises the builder (serializers, handlers). A log, error or statistics handler set here runs after
    /// ours, so it does not switch off the ILogger routing or the metrics; it should not log the event again.
    /// </param>
    /// <exception cref="InvalidOperationException">The connection string is missing or empty.</exception>
    public static void AddKafkaProducer<TKey, TValue>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<KafkaProducerSettings>? configureSettings = null,
        Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = new KafkaProducerSettings();
        Bind(builder.Configuration.GetSection(ProducerSectionName), settings, settings.Config);
        configureSettings?.Invoke(settings);
        Consolidate(builder, connectionName, ProducerSectionName, settings.ConnectionString, settings.Config, settings.DisableMetrics, settings.DisableTracing);
        RequirePositive(settings.HealthCheckTimeout, ProducerSectionName);

        builder.Services.AddSingleton(sp =>
        {
            var producerBuilder = new InstrumentedProducerBuilder<TKey, TValue>(settings.Config, Logger(sp), Time(sp), Metrics(sp, settings.DisableMetrics));
            configureBuilder?.Invoke(sp, producerBuilder);
            return producerBuilder.Build();
        });

        if (!settings.DisableHealthChecks)
        {
            AddHealthCheck(builder, $"Kafka_{connectionName}_producer", sp => sp.GetRequiredService<IProducer<TKey, TValue>>().Handle, settings.HealthCheckTimeout);
        }
    }

    /// <summary>
    /// Registers a singleton <see cref="IConsumer{TKey, TValue}"/> whose bootstrap servers are
    /// <c>ConnectionStrings:&lt;connectionName&gt;</c>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="connectionName">The connection string name, e.g. <c>kafka</c>.</param>
    /// <param name="configureSettings">Runs after configuration is bound.</param>
    /// <param name="configureBuilder">
    /// Customises the builder (deserializers, handlers). A log, error or statistics handler set here runs after
    /// ours, so it does not switch off the ILogger routing or the metrics; it should not log the event again.
    /// </param>
    /// <exception cref="InvalidOperationException">The connection string is missing or empty.</exception>
    public static void AddKafkaConsumer<TKey, TValue>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<KafkaConsumerSettings>? configureSettings = null,
        Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = new KafkaConsumerSettings();
        Bind(builder.Configuration.GetSection(ConsumerSectionName), settings, settings.Config);
        configureSettings?.Invoke(settings);
        Consolidate(builder, connectionName, ConsumerSectionName, settings.ConnectionString, settings.Config, settings.DisableMetrics, settings.DisableTracing);
        RequirePositive(settings.HealthCheckTimeout, ConsumerSectionName);

        builder.Services.AddSingleton(sp =>
        {
            var consumerBuilder = new InstrumentedConsumerBuilder<TKey, TValue>(settings.Config, Logger(sp), Time(sp), Metrics(sp, settings.DisableMetrics));
            configureBuilder?.Invoke(sp, consumerBuilder);
            return consumerBuilder.Build();
        });

        if (!settings.DisableHealthChecks)
        {
            AddHealthCheck(builder, $"Kafka_{connectionName}_consumer", sp => sp.GetRequiredService<IConsumer<TKey, TValue>>().Handle, settings.HealthCheckTimeout);
        }
    }

    private static void Bind(IConfigurationSection section, object settings, ClientConfig config)
    {
        section.Bind(settings);
        KafkaConfigBinder.Bind(section.GetSection("Config"), config);
    }

    private static void Consolidate(
        IHostApplicationBuilder builder, string connectionName, string sectionName, string? connectionString, ClientConfig config, bool disableMetrics, bool disableTracing)
    {
        config.BootstrapServers = ConnectionStringResolver.Require(builder.Configuration, connectionName, connectionString ?? config.BootstrapServers, sectionName);

        config.StatisticsIntervalMs ??= DefaultStatisticsIntervalMs;
        if (!disableMetrics)
        {
            builder.Services.AddMetrics();
            builder.Services.TryAddSingleton<KafkaClientMetrics>();
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(PipelineTelemetry.MeterName));
        }

        if (!disableTracing)
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(PipelineTelemetry.ActivitySourceName));
        }
    }

    private static void RequirePositive(TimeSpan healthCheckTimeout, string sectionName)
    {
        if (healthCheckTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"'{sectionName}:HealthCheckTimeout' must be a positive duration such as 00:00:03; it is {healthCheckTimeout}.");
        }
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger(KafkaLog.CategoryName);

    private static TimeProvider Time(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;

    private static KafkaClientMetrics? Metrics(IServiceProvider services, bool disableMetrics) =>
        disableMetrics ? null : services.GetRequiredService<KafkaClientMetrics>();

    private static void AddHealthCheck(IHostApplicationBuilder builder, string name, Func<IServiceProvider, Handle> clientHandle, TimeSpan timeout)
    {
        builder.Services.AddHealthChecks();
        // A second client type on the same connection asks the same cluster: one check per name is enough.
        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            if (options.Registrations.All(r => r.Name != name))
            {
                options.Registrations.Add(new HealthCheckRegistration(
                    name,
                    sp => new KafkaHealthCheck(clientHandle(sp), timeout),
                    HealthStatus.Unhealthy,
                    tags: null,
                    timeout: timeout + TimeSpan.FromSeconds(1)));
            }
        });
    }
}
