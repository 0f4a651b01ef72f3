using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using PinterestPipeline.AppHost.Hosting.Common;

namespace PinterestPipeline.AppHost.Hosting.Local;

/// <summary>Kafka as the DevKafka project, for machines without a container runtime.</summary>
public static class DevKafkaBuilderExtensions
{
    /// <summary>
    /// Adds <c>PinterestPipeline.DevKafka</c> as the Kafka resource: it listens on 127.0.0.1 at the port Aspire
    /// allocates and creates the topics declared with <see cref="KafkaTopicBuilderExtensions.WithTopic{T}"/> at start.
    /// Same endpoint, connection string and health check as <see cref="KafkaBuilderExtensions.AddKafka"/>.
    /// </summary>
    /// <param name="port">The host port; null lets Aspire pick one.</param>
    public static IResourceBuilder<DevKafkaServerResource> AddDevKafka(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var kafka = new DevKafkaServerResource(name);
#pragma warning disable ASPIREPROJECTS001 // The supported way to give a custom ProjectResource the same launch wiring AddProject gives.
        var project = builder.AddResource(kafka)
            .WithAnnotation<IProjectMetadata>(new Projects.PinterestPipeline_DevKafka())
            .WithProjectDefaults(new ProjectResourceOptions { ExcludeLaunchProfile = true, ExcludeKestrelEndpoints = true });
#pragma warning restore ASPIREPROJECTS001

        return project
            .WithEndpoint(port: port, scheme: "tcp", name: KafkaServerDefaults.PrimaryEndpointName)
            .WithArgs(context =>
            {
                context.Args.Add(ReferenceExpression.Create($"--port={kafka.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}"));
                foreach (var topic in kafka.Annotations.OfType<KafkaTopicAnnotation>())
                {
                    context.Args.Add(ReferenceExpression.Create($"--topic={topic.Name}:{topic.Partitions.ToString(CultureInfo.InvariantCulture)}"));
                }
            })
            .WithKafkaServerDefaults();
    }
}

/// <summary>
/// The <c>PinterestPipeline.DevKafka</c> project (librdkafka's mock cluster behind a port we choose) as the
/// Kafka resource on machines without containers. Same endpoint name and connection string as <see cref="KafkaServerResource"/>.
/// </summary>
public sealed class DevKafkaServerResource(string name) : ProjectResource(name), IResourceWithConnectionString
{
    private EndpointReference? primaryEndpoint;

    /// <summary>The broker's one listener, on 127.0.0.1.</summary>
    public EndpointReference PrimaryEndpoint => primaryEndpoint ??= new(this, KafkaServerDefaults.PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => KafkaServerDefaults.ConnectionString(PrimaryEndpoint);

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        KafkaServerDefaults.ConnectionProperties(PrimaryEndpoint);
}
