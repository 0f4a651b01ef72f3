using Amazon.S3;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PinterestPipeline.Sink.Configuration;
using PinterestPipeline.Sink.Consuming;
using PinterestPipeline.Sink.Storage;
using PinterestPipeline.Sink.Telemetry;
using PinterestPipeline.Sink.Writing;

namespace PinterestPipeline.Sink;

public static class SinkExtensions
{
    /// <summary>The connection name of the Kafka resource.</summary>
    public const string KafkaConnectionName = "kafka";

    // librdkafka's default is 5 minutes; a topic created while the sink runs should show up sooner.
    private const int DefaultTopicMetadataRefreshIntervalMs = 10_000;

    /// <summary>
    /// librdkafka's default is 45 s, and a restarted sink waits for it: on DevKafka the group holds every join
    /// for the session timeout after a member leaves or dies. 6 s is the least a Kafka broker accepts
    /// (<c>group.min.session.timeout.ms</c>); a member that cannot heartbeat for that long loses its partitions.
    /// </summary>
    internal const int DefaultSessionTimeoutMs = 6_000;

    /// <summary>A third of the session, as Kafka advises, so two lost heartbeats do not end it.</summary>
    internal const int DefaultHeartbeatIntervalMs = 2_000;

    /// <summary>
    /// Registers the sink: the <c>Sink</c> settings, the bucket, a consumer of <c>ConnectionStrings:kafka</c>
    /// (with manual commits) and the worker that moves records from one to the other.
    /// </summary>
    public static IHostApplicationBuilder AddSink(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SinkOptions>().BindConfiguration(SinkOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<SinkOptions>, SinkOptionsDefaults>();
        services.AddSingleton<IValidateOptions<SinkOptions>, SinkOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<SinkMetrics>();
        services.AddSingleton<SinkStatus>();
        services.AddSingleton<SinkTask>();
        services.TryAddSingleton(sp => S3ClientFactory.Create(sp.GetRequiredService<IOptions<SinkOptions>>().Value.S3));
        services.AddSingleton(CreateStore);

        var groupId = SinkOptionsDefaults.GroupId(builder.Configuration);
        builder.AddKafkaConsumer<Ignore, byte[]?>(
            KafkaConnectionName,
            settings =>
            {
                var config = settings.Config;
                config.GroupId = groupId;
                config.EnableAutoCommit = false;
                config.EnableAutoOffsetStore = false;
                config.AutoOffsetReset ??= AutoOffsetReset.Earliest;
                config.TopicMetadataRefreshIntervalMs ??= DefaultTopicMetadataRefreshIntervalMs;
                // With group.protocol=consumer (KIP-848) the broker sets both; librdkafka does not support them.
                if (config.GroupProtocol != GroupProtocol.Consumer)
                {
                    config.SessionTimeoutMs ??= DefaultSessionTimeoutMs;
                    config.HeartbeatIntervalMs ??= DefaultHeartbeatIntervalMs;
                }
            },
            (sp, consumerBuilder) => sp.GetRequiredService<SinkTask>().Attach(consumerBuilder));

        services.AddHostedService<SinkWorker>();
        return builder;
    }

    private static IObjectStore CreateStore(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<SinkOptions>>().Value;
        if (settings.Storage == BucketStorageKind.S3)
        {
            return new S3ObjectStore(services.GetRequiredService<IAmazonS3>(), settings.S3.BucketName!);
        }

        var root = settings.LocalRoot(services.GetRequiredService<IHostEnvironment>().ContentRootPath);
        return new LocalObjectStore(root, services.GetRequiredService<TimeProvider>());
    }
}
