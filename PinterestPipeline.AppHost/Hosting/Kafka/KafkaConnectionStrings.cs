using Aspire.Hosting.ApplicationModel;

namespace PinterestPipeline.AppHost.Hosting.Kafka;

/// <summary>The connection string both broker forms publish: the bootstrap servers <c>host:port</c>.</summary>
internal static class KafkaConnectionStrings
{
    public const string PrimaryEndpointName = "tcp";

    public static ReferenceExpression BootstrapServers(EndpointReference endpoint) =>
        ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.HostAndPort)}");

    public static IEnumerable<KeyValuePair<string, ReferenceExpression>> Properties(EndpointReference endpoint)
    {
        yield return new("Host", ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Host)}"));
        yield return new("Port", ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Port)}"));
    }
}
