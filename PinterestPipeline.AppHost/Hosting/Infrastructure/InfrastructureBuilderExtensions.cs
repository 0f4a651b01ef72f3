using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PinterestPipeline.AppHost.Hosting.MySql;

namespace PinterestPipeline.AppHost.Hosting.Infrastructure;

public static partial class InfrastructureBuilderExtensions
{
    /// <summary>
    /// Decides where MySQL and Kafka come from (<c>Pipeline:Infrastructure</c>, see <see cref="InfrastructureModeResolver"/>)
    /// and logs the decision and its reason once when the AppHost starts.
    /// </summary>
    public static async Task<InfrastructureMode> ResolveInfrastructureModeAsync(this IDistributedApplicationBuilder builder, InfrastructureModeResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var requested = InfrastructureModeResolver.Parse(builder.Configuration[InfrastructureModeResolver.SettingName]);
        resolver ??= new InfrastructureModeResolver(
            ContainerRuntimeProbe.ForConfiguredRuntime(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? builder.Configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"]),
            new MySqlServerLocator());
        var decision = await resolver.ResolveAsync(requested, builder.ExecutionContext.IsPublishMode, CancellationToken.None).ConfigureAwait(false);

        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var logger = @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PinterestPipeline.AppHost");
            LogDecision(logger, decision.Mode, decision.Reason);
            return Task.CompletedTask;
        });

        return decision.Mode;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Infrastructure mode: {Mode} ({Reason})")]
    private static partial void LogDecision(ILogger logger, InfrastructureMode mode, string reason);
}
