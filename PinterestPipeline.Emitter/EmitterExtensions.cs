using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PinterestPipeline.Emitter.Configuration;
using PinterestPipeline.Emitter.Credentials;
using PinterestPipeline.Emitter.Posting;
using PinterestPipeline.Emitter.Source;
using PinterestPipeline.Emitter.Streams;
using PinterestPipeline.Emitter.Topics;
using PinterestPipeline.Emitter.Worker;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Emitter;

public static class EmitterExtensions
{
    /// <summary>
    /// The emitter's services: the source database (<c>ConnectionStrings:pinterest</c> or a <c>db_creds.yaml</c>), the
    /// <c>Emitter</c> settings validated at start, the target (<c>Emitter:Target</c>: the proxy's topics or streams), the
    /// client that sends to it and the worker. Call after <c>AddServiceDefaults()</c>.
    /// </summary>
    public static TBuilder AddEmitter<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;

        var connectionString = SourceConnectionString.Resolve(configuration);
        configuration.AddInMemoryCollection([new($"ConnectionStrings:{SourceConnectionString.ConnectionName}", connectionString)]);
        builder.AddMySqlDataSource(SourceConnectionString.ConnectionName);

        builder.Services.AddOptions<EmitterOptions>()
            .Bind(configuration.GetSection(EmitterOptions.SectionName))
            .Configure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.TopicPrefix))
                {
                    options.TopicPrefix = configuration[PipelineNames.TopicPrefixKey];
                }

                options.CredsFile = SourceConnectionString.CredsFile(configuration);
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EmitterOptions>, EmitterOptionsValidator>();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(_ => new DryRunOutput(Console.Out));
        builder.Services.AddSingleton<EmitterStats>();
        builder.Services.AddSingleton<EmitterRunResult>();
        builder.Services.AddSingleton<IPostTarget>(services =>
            services.GetRequiredService<IOptions<EmitterOptions>>().Value.Target == EmitterTarget.Streams
                ? ActivatorUtilities.CreateInstance<StreamsTarget>(services)
                : ActivatorUtilities.CreateInstance<TopicsTarget>(services));
        builder.Services.AddSingleton<SourceRowReader>();
        builder.Services.AddSingleton<RestProxyClient>();
        builder.Services.AddSingleton<EventProcessor>();

        // RestProxyClient retries with knowledge of the response body; the standard handler that AddServiceDefaults puts on
        // every HttpClient would retry the same failures again underneath. Removing it is the documented, still experimental, way.
        // The emitter logs every request's outcome itself, so the factory's per-request log lines and scopes are dropped too.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(RestProxyClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers()
            .RemoveAllLoggers();
#pragma warning restore EXTEXP0001

        builder.Services.AddHostedService<EmitterWorker>();
        return builder;
    }
}
