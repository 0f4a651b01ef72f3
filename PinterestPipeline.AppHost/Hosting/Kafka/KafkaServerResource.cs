using Aspire.Hosting.ApplicationModel;

namespace PinterestPipeline.AppHost.Hosting.Kafka;

/// <summary>A single-node KRaft Kafka broker in a container (the official integration's shape).</summary>
public sealed class KafkaServerResource(string name) : ContainerResource(name), IKafkaServerResource
{
    /// <summary>For containers talking to the broker over Aspire's container network.</summary>
    internal const string InternalEndpointName = "internal";

    private EndpointReference? primaryEndpoint;
    private EndpointReference? internalEndpoint;

    public EndpointReference PrimaryEndpoint => primaryEndpoint ??= new(this, KafkaConnectionStrings.PrimaryEndpointName);

    public EndpointReference InternalEndpoint => internalEndpoint ??= new(this, InternalEndpointName);

    public ReferenceExpression ConnectionStringExpression => KafkaConnectionStrings.BootstrapServers(PrimaryEndpoint);

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        KafkaConnectionStrings.Properties(PrimaryEndpoint);
}
