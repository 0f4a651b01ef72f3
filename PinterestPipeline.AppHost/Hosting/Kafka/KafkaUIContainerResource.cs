using Aspire.Hosting.ApplicationModel;

namespace PinterestPipeline.AppHost.Hosting.Kafka;

/// <summary>Kafka UI (kafbat) next to a Kafka container.</summary>
public sealed class KafkaUIContainerResource(string name) : ContainerResource(name)
{
    internal const string PrimaryEndpointName = "http";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);
}
