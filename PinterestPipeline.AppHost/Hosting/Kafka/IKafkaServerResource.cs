using Aspire.Hosting.ApplicationModel;

namespace PinterestPipeline.AppHost.Hosting.Kafka;

/// <summary>What the container broker and the local DevKafka broker have in common.</summary>
public interface IKafkaServerResource : IResourceWithConnectionString, IResourceWithEndpoints
{
    /// <summary>The endpoint host processes connect to (named <c>tcp</c>, as in the official integration).</summary>
    EndpointReference PrimaryEndpoint { get; }
}
