using System.Globalization;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging.Abstractions;

namespace PinterestPipeline.AppHost.Tests.AppModel;

/// <summary>
/// The AppHost's model in run mode with every endpoint allocated as DCP allocates it when it starts the resources:
/// on the host network as <c>localhost:&lt;host port&gt;</c> (host ports from 50001 up, in resource order), and
/// for containers also on Aspire's container network as <c>&lt;name&gt;.dev.internal:&lt;target port&gt;</c>;
/// project endpoints are projected into the container network as <c>host.docker.internal:&lt;host port&gt;</c>
/// (DCP's allocation without the container tunnel). Environments are then resolved by the code DCP runs before it
/// starts a resource (<see cref="ExecutionConfigurationBuilder"/>), so each value is what that resource would be given.
/// </summary>
internal sealed partial class RunModeNetworks
{
    public const int FirstHostPort = 50001;
    public const string ContainerHostName = "host.docker.internal";

    private readonly DistributedApplicationExecutionContext executionContext;
    private readonly Dictionary<(string Resource, string Endpoint), int> hostPorts = [];
    private readonly HashSet<string> reachableFromHost = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> reachableFromContainers = new(StringComparer.OrdinalIgnoreCase);

    private RunModeNetworks(DistributedApplicationExecutionContext executionContext) => this.executionContext = executionContext;

    /// <summary>Allocates every endpoint of <paramref name="resources"/> on the networks its resource can be reached on.</summary>
    public static RunModeNetworks Allocate(DistributedApplicationExecutionContext executionContext, IEnumerable<IResource> resources)
    {
        if (!executionContext.IsRunMode)
        {
            throw new ArgumentException("Run-mode environments need a run-mode execution context.", nameof(executionContext));
        }

        var networks = new RunModeNetworks(executionContext);
        var nextHostPort = FirstHostPort;
        foreach (var resource in resources)
        {
            var isContainer = resource.IsContainer();
            foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
            {
                var hostPort = endpoint.Port ?? nextHostPort++;
                var targetPortExpression = $"{{{{- portForServing \"{resource.Name}-{endpoint.Name}\" -}}}}";
                networks.hostPorts[(resource.Name, endpoint.Name)] = hostPort;

                endpoint.AllocatedEndpoint = new AllocatedEndpoint(
                    endpoint, "localhost", hostPort, EndpointBindingMode.SingleAddress, targetPortExpression, KnownNetworkIdentifiers.LocalhostNetwork);
                networks.reachableFromHost.Add($"localhost:{hostPort}");
                networks.reachableFromHost.Add($"127.0.0.1:{hostPort}");

                if (isContainer)
                {
                    var targetPort = endpoint.TargetPort ?? throw new InvalidOperationException($"Container endpoint {resource.Name}/{endpoint.Name} has no target port.");
                    endpoint.AllAllocatedEndpoints.AddOrUpdateAllocatedEndpoint(
                        KnownNetworkIdentifiers.DefaultAspireContainerNetwork,
                        new AllocatedEndpoint(endpoint, $"{resource.Name}.dev.internal", targetPort, EndpointBindingMode.SingleAddress, targetPortExpression, KnownNetworkIdentifiers.DefaultAspireContainerNetwork));
                    // Containers on the network reach each other by resource name (a network alias) and by the .dev.internal name.
                    networks.reachableFromContainers.Add($"{resource.Name}:{targetPort}");
                    networks.reachableFromContainers.Add($"{resource.Name}.dev.internal:{targetPort}");
                }
                else
                {
                    endpoint.AllAllocatedEndpoints.AddOrUpdateAllocatedEndpoint(
                        KnownNetworkIdentifiers.DefaultAspireContainerNetwork,
                        new AllocatedEndpoint(endpoint, ContainerHostName, hostPort, EndpointBindingMode.SingleAddress, targetPortExpression, KnownNetworkIdentifiers.DefaultAspireContainerNetwork));
                    networks.reachableFromContainers.Add($"{ContainerHostName}:{hostPort}");
                }
            }
        }

        return networks;
    }

    /// <summary>The host port allocated to an endpoint.</summary>
    public int HostPort(string resource, string endpoint) => hostPorts[(resource, endpoint)];

    /// <summary>The addresses (<c>host:port</c>) a process of this kind can connect to.</summary>
    public IReadOnlySet<string> ReachableFrom(IResource resource) => resource.IsContainer() ? reachableFromContainers : reachableFromHost;

    /// <summary>The environment DCP would give <paramref name="resource"/> in run mode.</summary>
    public async Task<IReadOnlyDictionary<string, string>> EnvironmentAsync(IResource resource)
    {
        var configuration = await ExecutionConfigurationBuilder.Create(resource)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(executionContext, NullLogger.Instance);
        if (configuration.Exception is { } exception)
        {
            throw new InvalidOperationException($"The run-mode environment of '{resource.Name}' did not resolve.", exception);
        }

        return configuration.EnvironmentVariables.ToDictionary(variable => variable.Key, variable => variable.Value);
    }

    /// <summary>
    /// Every network address in a value: each <c>host:port</c> of a comma-separated list or URL
    /// (<c>PLAINTEXT://h:p</c>, <c>http://h:p/</c>), and the <c>Server=</c>/<c>Port=</c> pair of a MySQL connection string.
    /// </summary>
    public static IEnumerable<string> AddressesIn(string value)
    {
        if (value.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            var builder = new MySqlConnector.MySqlConnectionStringBuilder(value);
            yield return $"{builder.Server}:{builder.Port.ToString(CultureInfo.InvariantCulture)}";
            yield break;
        }

        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var authority = part.Contains("://", StringComparison.Ordinal) ? part[(part.IndexOf("://", StringComparison.Ordinal) + 3)..] : part;
            authority = authority.Split('/')[0];
            var colon = authority.LastIndexOf(':');
            if (colon > 0 && HostName().IsMatch(authority[..colon]) && int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                yield return authority;
            }
        }
    }

    // A DNS name that starts with a letter, or an IPv4 address (so "00:00:30" is a time span, not an address).
    [GeneratedRegex(@"^(?:[A-Za-z][A-Za-z0-9_.-]*|\d{1,3}(?:\.\d{1,3}){3})$")]
    private static partial Regex HostName();
}
