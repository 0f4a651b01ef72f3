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
        var settings = Bind(builder, ProducerSectionName, connectionName, new KafkaProducerSettings(), configureSettings);
        Register(builder, connectionName, ProducerSectionName, ProducerHealthCheckName(connectionName), settings, sp =>
        {
            var producerBuilder = new InstrumentedProducerBuilder<TKey, TValue>(settings.Config, Logger(sp), Time(sp), Metrics(sp, settings.DisableMetrics));
            configureBuilder?.Invoke(sp, producerBuilder);
            return producerBuilder.Build();
        });
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
        var settings = Bind(builder, ConsumerSectionName, connectionName, new KafkaConsumerSettings(), configureSettings);
        Register(builder, connectionName, ConsumerSectionName, ConsumerHealthCheckName(connectionName), settings, sp =>
        {
            var consumerBuilder = new InstrumentedConsumerBuilder<TKey, TValue>(settings.Config, Logger(sp), Time(sp), Metrics(sp, settings.DisableMetrics));
            configureBuilder?.Invoke(sp, consumerBuilder);
            return consumerBuilder.Build();
        });
    }

    /// <summary>The name of the metadata health check <see cref="AddKafkaProducer{TKey, TValue}"/> registers (or a service registers in its place).</summary>
    public static string ProducerHealthCheckName(string connectionName) => $"Kafka_{connectionName}_producer";

    /// <summary>The name of the metadata health check <see cref="AddKafkaConsumer{TKey, TValue}"/> registers.</summary>
    public static string ConsumerHealthCheckName(string connectionName) => $"Kafka_{connectionName}_consumer";

    /// <summary>
    /// Binds <paramref name="sectionName"/> and then its <c>&lt;connectionName&gt;</c> subsection over it (each with its
    /// <c>Config</c>), as Aspire.Confluent.Kafka does, then runs the caller's changes.
    /// </summary>
    private static TSettings Bind<TSettings>(
        IHostApplicationBuilder builder, string sectionName, string connectionName, TSettings settings, Action<TSettings>? configureSettings)
        where TSettings : IKafkaClientSettings
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionName);
        var section = builder.Configuration.GetSection(sectionName);
        foreach (var source in new[] { section, section.GetSection(connectionName) })
        {
            source.Bind(settings);
            KafkaConfigBinder.Bind(source.GetSection("Config"), settings.Config);
        }

        configureSettings?.Invoke(settings);
        return settings;
    }

    /// <summary>The one registration path of both client kinds: connection string, telemetry, the client, its health check.</summary>
    private static void Register<TClient>(
        IHostApplicationBuilder builder, string connectionName, string sectionName, string healthCheckName, IKafkaClientSettings settings, Func<IServiceProvider, TClient> create)
        where TClient : class, IClient
    {
        var config = settings.Config;
        config.BootstrapServers = ConnectionStringResolver.Require(builder.Configuration, connectionName, settings.ConnectionString ?? config.BootstrapServers, sectionName);
        RequirePositive(settings.HealthCheckTimeout, sectionName);

        config.StatisticsIntervalMs ??= DefaultStatisticsIntervalMs;
        if (!settings.DisableMetrics)
        {
            builder.Services.AddMetrics();
            builder.Services.TryAddSingleton<KafkaClientMetrics>();
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(PipelineTelemetry.MeterName));
        }

        if (!settings.DisableTracing)
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(PipelineTelemetry.ActivitySourceName));
        }

        builder.Services.AddSingleton(create);
        if (!settings.DisableHealthChecks)
        {
            AddHealthCheck(builder, healthCheckName, sp => sp.GetRequiredService<TClient>().Handle, settings.HealthCheckTimeout);
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
                    sp => new KafkaClientHealthCheck(clientHandle(sp), timeout),
                    HealthStatus.Unhealthy,
                    tags: null,
                    timeout: HealthCheckDeadline.For(timeout)));
            }
        });
    }
}
