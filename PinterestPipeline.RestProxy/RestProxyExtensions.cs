using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PinterestPipeline.RestProxy.Access;
using PinterestPipeline.RestProxy.Kafka;
using PinterestPipeline.RestProxy.Produce;
using PinterestPipeline.RestProxy.Protocol;
using PinterestPipeline.RestProxy.Telemetry;
using PinterestPipeline.RestProxy.Topics;
using Scalar.AspNetCore;

namespace PinterestPipeline.RestProxy;

public static class RestProxyExtensions
{
    /// <summary>The producer, metadata cache, health check, telemetry and options of the proxy.</summary>
    public static IHostApplicationBuilder AddRestProxy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RestProxyOptions>()
            .BindConfiguration(RestProxyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The producer is configured while services are registered, before options can be resolved.
        var proxyOptions = builder.Configuration.GetSection(RestProxyOptions.SectionName).Get<RestProxyOptions>() ?? new RestProxyOptions();
        builder.AddKafkaProducer<byte[]?, byte[]?>(
            "kafka",
            settings =>
            {
                ProducerDefaults.Apply(settings.Config, proxyOptions);
                // The proxy's own check below asks the same metadata question and also knows the producer's fatal state.
                settings.DisableHealthChecks = true;
            },
            (services, producer) =>
            {
                var status = services.GetRequiredService<ProducerStatus>();
                producer.SetErrorHandler((_, error) => status.OnError(error));
                producer.SetLogHandler((_, message) => status.OnLog(message));
            });

        builder.Services.AddSingleton(services => new DependentAdminClientBuilder(services.GetRequiredService<IProducer<byte[]?, byte[]?>>().Handle).Build());

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProducerStatus>();
        builder.Services.AddSingleton<TopicMetadataCache>();
        builder.Services.AddSingleton<RestProxyMetrics>();
        builder.Services.AddSingleton<RecordProducer>();
        builder.Services.AddSingleton<ProduceHandler>();
        builder.Services.AddSingleton<ApiKeyFilter>();
        builder.Services.AddHostedService<TopicMetadataRefresher>();
        builder.Services.AddHostedService<ProducerFlushService>();
        builder.Services.AddHealthChecks().AddCheck<KafkaHealthCheck>("Kafka_kafka_producer");
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The v2 API at the root (as API Gateway's <c>/{proxy+}</c> forwards it), plus the API reference in Development.</summary>
    public static WebApplication MapRestProxy(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(errors => errors.Run(context =>
            RestResults.Error(StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Internal Server Error").ExecuteAsync(context)));
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments(Extensions.HealthEndpointPath, StringComparison.Ordinal) &&
                       !context.Request.Path.StartsWithSegments(Extensions.AlivenessEndpointPath, StringComparison.Ordinal),
            api => api.UseMiddleware<RequestMetricsMiddleware>());

        var api = app.MapGroup("")
            .AddEndpointFilter<ApiKeyFilter>()
            .AddEndpointFilter<AcceptFilter>()
            .WithTags("REST Proxy v2");
        api.MapTopicEndpoints();
        api.MapProduceEndpoints();

        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
            app.MapScalarApiReference();
        }

        return app;
    }
}
