using Amazon.S3;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PinterestPipeline.Analytics.Batch;
using PinterestPipeline.Analytics.Bucket;
using PinterestPipeline.Analytics.StreamProcessing;
using PinterestPipeline.Analytics.Telemetry;
using PinterestPipeline.Analytics.Warehouse;
using PinterestPipeline.Analytics.Web;
using PinterestPipeline.Analytics.Web.Page;

namespace PinterestPipeline.Analytics;

public static class AnalyticsExtensions
{
    /// <summary>The connection name of the Kafka resource that holds the streams.</summary>
    public const string KafkaConnectionName = "kafka";

    /// <summary>
    /// The <c>Analytics</c> settings, the bucket reader, the warehouse, the batch job with its runner and schedule, the
    /// stream job with its consumer of <c>ConnectionStrings:kafka</c> (when it runs), and telemetry.
    /// </summary>
    public static IHostApplicationBuilder AddAnalytics(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<AnalyticsOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<AnalyticsOptions>>(sp => sp.GetRequiredService<AnalyticsOptionsSetup>());
        services.AddSingleton<IValidateOptions<AnalyticsOptions>>(sp => sp.GetRequiredService<AnalyticsOptionsSetup>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<AnalyticsMetrics>();
        services.TryAddSingleton(sp => S3ClientFactory.Create(sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value.S3));
        services.AddSingleton(CreateBucketReader);
        services.AddSingleton<AnalyticsWarehouse>();
        services.AddSingleton<BatchRunStore>();
        services.AddSingleton<LoadedRows>();
        services.AddSingleton<BatchJob>();
        services.AddSingleton<BatchRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<BatchRunner>());
        services.AddSingleton<BatchScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<BatchScheduler>());
        AddStreams(builder);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, AnalyticsJsonContext.Default));
        return builder;
    }

    /// <summary>The batch API under <c>/api/batch</c>, the stream tables under <c>/api/streams</c> and the results page at <c>/</c>.</summary>
    public static WebApplication MapAnalytics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapBatchApi();
        app.MapStreamsApi();
        app.UseResultsPage();
        return app;
    }

    private static void AddStreams(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<StreamJobStatus>();
        services.AddSingleton<StreamMetrics>();
        services.AddSingleton<StreamWarehouse>();
        services.AddSingleton<StreamTableReader>();
        services.AddSingleton<StreamJob>();
        services.AddHostedService(sp => sp.GetRequiredService<StreamJob>());
        // Enabled without a broker is reported by the options validation, with what to set.
        if (!StreamsOptions.IsEnabled(builder.Configuration) || !StreamsOptions.HasBroker(builder.Configuration))
        {
            return;
        }

        builder.AddKafkaConsumer<byte[]?, byte[]?>(KafkaConnectionName, settings =>
        {
            var config = settings.Config;
            // The warehouse is the checkpoint: no offsets are committed to or read from a group.
            config.GroupId ??= "pinterest-analytics-streams";
            config.EnableAutoCommit = false;
            config.EnableAutoOffsetStore = false;
            config.AutoOffsetReset = AutoOffsetReset.Earliest;
            config.EnablePartitionEof = false;
            // An empty fetch waits this long before records that arrive meanwhile are fetched (on the dev broker it is
            // not cut short); librdkafka's 500 ms would be most of the latency budget.
            config.FetchWaitMaxMs ??= 50;
        });
    }

    private static IBucketReader CreateBucketReader(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<AnalyticsOptions>>().Value;
        return settings.Storage == BucketStorageKind.S3
            ? new S3BucketReader(services.GetRequiredService<IAmazonS3>(), settings.S3.BucketName!)
            : new LocalBucketReader(settings.LocalRoot(services.GetRequiredService<IHostEnvironment>().ContentRootPath));
    }
}
