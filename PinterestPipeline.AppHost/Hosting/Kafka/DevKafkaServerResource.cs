using Aspire.Hosting.ApplicationModel;

namespace PinterestPipeline.AppHost.Hosting.Kafka;

/// <summary>
/// The <c>PinterestPipeline.DevKafka</c> project (librdkafka's mock cluster behind a port we choose) as the
/// Kafka resource on machines without containers. Same endpoint name and connection string as <see cref="KafkaServerResource"/>.
/// </summary>
public sealed class DevKafkaServerResource(string name) : ProjectResource(name), IKafkaServerResource
{
    private EndpointReference? primaryEndpoint;

    public EndpointReference PrimaryEndpoint => primaryEndpoint ??= new(this, KafkaConnectionStrings.PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => KafkaConnectionStrings.BootstrapServers(PrimaryEndpoint);

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        KafkaConnectionStrings.Properties(PrimaryEndpoint);
}
