using Amazon.S3;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PinterestPipeline.Analytics.Batch;
using PinterestPipeline.Analytics.Bucket;
using PinterestPipeline.Analytics.Telemetry;
using PinterestPipeline.Analytics.Warehouse;
using PinterestPipeline.Analytics.Web;
using PinterestPipeline.Analytics.Web.Page;

namespace PinterestPipeline.Analytics;

public static class AnalyticsExtensions
{
    /// <summary>The <c>Analytics</c> settings, the bucket reader, the warehouse, the batch job with its runner and schedule, and telemetry.</summary>
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
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, AnalyticsJsonContext.Default));
        return builder;
    }

    /// <summary>The batch API under <c>/api/batch</c> and the results page at <c>/</c>.</summary>
    public static WebApplication MapAnalytics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapBatchApi();
        app.UseResultsPage();
        return app;
    }

    private static IBucketReader CreateBucketReader(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<AnalyticsOptions>>().Value;
        return settings.Storage == BucketStorageKind.S3
            ? new S3BucketReader(services.GetRequiredService<IAmazonS3>(), settings.S3.BucketName!)
            : new LocalBucketReader(settings.LocalRoot(services.GetRequiredService<IHostEnvironment>().ContentRootPath));
    }
}
