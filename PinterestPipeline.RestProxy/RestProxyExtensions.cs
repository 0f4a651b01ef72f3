using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using PinterestPipeline.RestProxy.Access;
using PinterestPipeline.RestProxy.Gateway;
using PinterestPipeline.RestProxy.Idempotency;
using PinterestPipeline.RestProxy.Kafka;
using PinterestPipeline.RestProxy.Limits;
using PinterestPipeline.RestProxy.Produce;
using PinterestPipeline.RestProxy.Protocol;
using PinterestPipeline.RestProxy.Streams;
using PinterestPipeline.RestProxy.Telemetry;
using PinterestPipeline.RestProxy.Topics;
using Scalar.AspNetCore;

namespace PinterestPipeline.RestProxy;

public static class RestProxyExtensions
{
    /// <summary>Kestrel's per-connection input buffer (<see cref="KestrelServerLimits.MaxRequestBufferSize"/>).</summary>
    public const long MaxRequestBufferBytes = 64 * 1024;

    /// <summary>The producer, the reader and admin clients, metadata cache, health check, telemetry and options of the proxy.</summary>
    public static IHostApplicationBuilder AddRestProxy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RestProxyOptions>()
            .BindConfiguration(RestProxyOptions.SectionName)
            .ValidateSettings(RestProxyOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddOptions<StreamsOptions>()
            .BindConfiguration(StreamsOptions.SectionName)
            .ValidateSettings(StreamsOptions.SectionName)
            .ValidateOnStart();

        // The producer is configured while services are registered, before options can be resolved.
        var proxyOptions = builder.Configuration.GetSection(RestProxyOptions.SectionName).Get<RestProxyOptions>() ?? new RestProxyOptions();
        var producerLimits = new ProducerLimits();
        builder.AddKafkaProducer<byte[]?, byte[]?>(
            "kafka",
            settings =>
            {
                ProducerDefaults.Apply(settings.Config, proxyOptions);
                producerLimits.MessageMaxBytes = settings.Config.MessageMaxBytes ?? ProducerDefaults.MaxMessageBytes;
                // The proxy's own check below asks the same metadata question and also knows the producer's fatal state.
                settings.DisableHealthChecks = true;
            },
            (services, producer) =>
            {
                // ServiceDefaults logs librdkafka's lines and errors (once, a broker outage as a line when it starts
                // and one when it ends); the proxy only remembers what the errors mean for /health and the metadata.
                var status = services.GetRequiredService<ProducerStatus>();
                producer.SetErrorHandler((_, error) => status.OnError(error));
            });

        // GetRecords reads partitions from an offset. A page is answered as soon as the records are there, not after a fetch wait.
        builder.AddKafkaConsumer<byte[]?, byte[]?>("kafka", settings => AssignOnly(settings, "restproxy-getrecords", fetchWaitMaxMs: 10));
        // Idempotency-Key headers are read back from the log (keys and values are not even copied out); another
        // instance's records are learnt within the fetch wait, well before a client's first retry.
        builder.AddKafkaConsumer<Ignore, Ignore>("kafka", settings =>
        {
            AssignOnly(settings, "restproxy-idempotency", fetchWaitMaxMs: 50);
            // Only headers are read: a few MB of prefetch keep up, where librdkafka's default queue holds 64 MB.
            settings.Config.QueuedMaxMessagesKbytes ??= 4096;
        });
        builder.Services.AddSingleton(services => new DependentAdminClientBuilder(services.GetRequiredService<IProducer<byte[]?, byte[]?>>().Handle).Build());

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(producerLimits);
        builder.Services.AddSingleton<RequestBudget>();
        builder.Services.AddSingleton<ConnectionLimit>();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<ConnectionLimit>((kestrel, connections) =>
        {
            // Every endpoint, also those from --urls and ASPNETCORE_URLS, counts its connections against RestProxy:MaxConnections.
            kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection => connections.OnConnectionAsync(connection, next)));
            // What a connection may buffer before the proxy reads it (Kestrel's default is 1 MB): with many
            // connections sending at once this, not the bodies the proxy reads, would otherwise bound memory.
            kestrel.Limits.MaxRequestBufferSize = MaxRequestBufferBytes;
        });
        builder.Services.AddSingleton<ProducerStatus>();
        builder.Services.AddSingleton<TopicMetadataCache>();
        builder.Services.AddSingleton<RestProxyMetrics>();
        builder.Services.AddSingleton<IdempotencyKeys>();
        builder.Services.AddSingleton<IdempotencyLog>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IdempotencyLog>());
        builder.Services.AddSingleton<RecordProducer>();
        builder.Services.AddSingleton<ProduceHandler>();
        builder.Services.AddSingleton<ApiKeyFilter>();
        builder.Services.AddSingleton<StreamCatalog>();
        builder.Services.AddSingleton<ShardWriter>();
        builder.Services.AddSingleton<ShardReader>();
        builder.Services.AddSingleton<StreamAdmin>();
        builder.Services.AddSingleton<PutHandler>();
        builder.Services.AddSingleton<ReadHandler>();
        builder.Services.AddSingleton<CatalogHandler>();
        builder.Services.AddSingleton<KinesisErrorFilter>();
        builder.Services.AddHostedService<TopicMetadataRefresher>();
        builder.Services.AddHostedService<ProducerFlushService>();
        builder.Services.AddHealthChecks().AddCheck<ProducerHealthCheck>(KafkaExtensions.ProducerHealthCheckName("kafka"));
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>A reader of partitions by assignment only: the group id is never joined and nothing is committed.</summary>
    private static void AssignOnly(KafkaConsumerSettings settings, string groupId, int fetchWaitMaxMs)
    {
        settings.Config.GroupId ??= groupId;
        settings.Config.EnableAutoCommit = false;
        settings.Config.EnablePartitionEof = true;
        settings.Config.AutoOffsetReset = AutoOffsetReset.Earliest;
        settings.Config.AllowAutoCreateTopics = false;
        settings.Config.FetchWaitMaxMs ??= fetchWaitMaxMs;
        settings.DisableHealthChecks = true;
    }

    /// <summary>
    /// The v2 API (<c>/topics</c>) and the Kinesis integration (<c>/streams</c>) at the root, as API Gateway's
    /// <c>/{proxy+}</c> forwards them, and also under <c>/&lt;RestProxy:Stage&gt;</c> when a stage is set; plus
    /// the API reference in Development.
    /// </summary>
    public static WebApplication MapRestProxy(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var stage = app.Services.GetRequiredService<IOptions<RestProxyOptions>>().Value.Stage;
        var connections = app.Services.GetRequiredService<ConnectionLimit>();
        app.Use(connections.OnRequestAsync);
        if (!string.IsNullOrEmpty(stage))
        {
            // An invoke URL ends with the stage: /test/topics/... is /topics/... (paths without it still work).
            app.UseStagePath(stage, Extensions.HealthEndpointPath, Extensions.AlivenessEndpointPath);
            app.UseRouting();
        }

        app.UseExceptionHandler(errors => errors.Run(context =>
        {
            var failed = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
            var answer = failed?.Metadata.GetMetadata<KinesisEndpointMetadata>() is not null
                ? KinesisResults.Error(new KinesisException(), IntegrationResponses.ByStatus, context.Request.Method)
                : RestResults.Error(StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Internal Server Error");
            return answer.ExecuteAsync(context);
        }));
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments(Extensions.HealthEndpointPath, StringComparison.Ordinal) &&
                       !context.Request.Path.StartsWithSegments(Extensions.AlivenessEndpointPath, StringComparison.Ordinal),
            api => api.UseMiddleware<RequestMetricsMiddleware>());

        var topics = app.MapGroup("")
            .AddEndpointFilter<ApiKeyFilter>()
            .AddEndpointFilter<AcceptFilter>()
            .WithTags("REST Proxy v2");
        topics.MapTopicEndpoints();
        topics.MapProduceEndpoints();

        app.MapGroup("/streams")
            .AddEndpointFilter<ApiKeyFilter>()
            .AddEndpointFilter<KinesisErrorFilter>()
            .WithMetadata(KinesisEndpointMetadata.Instance)
            .WithTags("Kinesis (API Gateway integration)")
            .MapStreamsEndpoints();

        if (!string.IsNullOrEmpty(stage))
        {
            // API Gateway answers a path or method it has no method for this way, whatever the path.
            app.MapFallback("{*path}", () => GatewayError.MissingAuthenticationToken);
        }

        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
            app.MapScalarApiReference();
        }

        return app;
    }
}
