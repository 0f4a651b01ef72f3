using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Kafka UI (kafbat) next to a Kafka container.</summary>
public sealed class KafkaUIContainerResource(string name) : ContainerResource(name)
{
    internal const string PrimaryEndpointName = "http";
}
