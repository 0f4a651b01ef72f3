using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PinterestPipeline.AppHost.Hosting.Local;

namespace PinterestPipeline.AppHost.Hosting.Infrastructure;

public static class InfrastructureBuilderExtensions
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
            HostingLog.InfrastructureDecided(logger, decision.Mode, decision.Reason);
            return Task.CompletedTask;
        });

        return decision.Mode;
    }

    /// <summary>What each External connection string must hold (the dashboard shows it as the parameter's description).</summary>
    internal static readonly IReadOnlyDictionary<string, string> ExternalConnectionStrings = new Dictionary<string, string>
    {
        ["pinterest"] = "a MySQL connection string to the source database, e.g. Server=<host>;Port=3306;User ID=<user>;Password=<password>;Database=pinterest_data",
        ["kafka"] = "the Kafka bootstrap servers, host:port[,host:port...], e.g. b-1.<cluster>.kafka.us-east-1.amazonaws.com:9092",
    };

    /// <summary>
    /// External mode: the source database (<c>pinterest</c>) and the broker (<c>kafka</c>) from
    /// <c>ConnectionStrings:pinterest</c> and <c>ConnectionStrings:kafka</c>. In run mode both must be set: a missing one
    /// stops the AppHost with one line naming each missing key, its format and where to set it, instead of a dashboard
    /// dialog with no hint and services that wait for ever.
    /// </summary>
    /// <exception cref="DistributedApplicationException">A connection string is missing in run mode.</exception>
    public static (IResourceBuilder<IResourceWithConnectionString> Pinterest, IResourceBuilder<IResourceWithConnectionString> Kafka) AddExternalServers(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var missing = ExternalConnectionStrings.Keys.Where(name => string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name))).ToList();
        if (builder.ExecutionContext.IsRunMode && missing.Count > 0)
        {
            throw new DistributedApplicationException(
                $"{InfrastructureModeResolver.SettingName} is External, but {string.Join(" and ", missing.Select(name => $"ConnectionStrings:{name}"))} " +
                $"{(missing.Count == 1 ? "is" : "are")} not set. " +
                string.Concat(missing.Select(name => $"ConnectionStrings:{name} is {ExternalConnectionStrings[name]}. ")) +
                $"Set {(missing.Count == 1 ? "it" : "each")} with 'dotnet user-secrets set ConnectionStrings:{missing[0]} \"<value>\" --project PinterestPipeline.AppHost', " +
                $"in the environment (ConnectionStrings__{missing[0]}) or on the command line (--ConnectionStrings:{missing[0]} \"<value>\").");
        }

        return (AddExternal(builder, "pinterest"), AddExternal(builder, "kafka"));

        static IResourceBuilder<IResourceWithConnectionString> AddExternal(IDistributedApplicationBuilder builder, string name)
        {
            var connectionString = builder.AddConnectionString(name);
            if (connectionString.Resource is ParameterResource parameter)
            {
                builder.CreateResourceBuilder(parameter).WithDescription($"ConnectionStrings:{name}: {ExternalConnectionStrings[name]}.");
            }

            return connectionString;
        }
    }
}
