using Aspire.Hosting.ApplicationModel;
using PinterestPipeline.AppHost.Hosting.Common;

namespace Aspire.Hosting;

/// <summary>A single-node KRaft Kafka broker in a container (the official integration's shape).</summary>
public sealed class KafkaServerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    /// <summary>For processes on the host.</summary>
    internal const string PrimaryEndpointName = KafkaServerDefaults.PrimaryEndpointName;

    /// <summary>For containers talking to the broker over Aspire's container network.</summary>
    internal const string InternalEndpointName = "internal";

    private EndpointReference? primaryEndpoint;
    private EndpointReference? internalEndpoint;

    // Both references are pinned to a network, as the official integration's are. An unpinned reference resolves in the
    // network of whoever evaluates it; for the broker's own KAFKA_ADVERTISED_LISTENERS that is the container network,
    // which would advertise the container port to host processes instead of the published one.

    /// <summary>The listener for processes on the host: the published port, on the host network.</summary>
    public EndpointReference PrimaryEndpoint => primaryEndpoint ??= new(this, PrimaryEndpointName, KnownNetworkIdentifiers.LocalhostNetwork);

    /// <summary>The listener for other containers: the target port, on Aspire's container network.</summary>
    public EndpointReference InternalEndpoint => internalEndpoint ??= new(this, InternalEndpointName, KnownNetworkIdentifiers.DefaultAspireContainerNetwork);

    public ReferenceExpression ConnectionStringExpression => KafkaServerDefaults.ConnectionString(PrimaryEndpoint);

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        KafkaServerDefaults.ConnectionProperties(PrimaryEndpoint);
}
