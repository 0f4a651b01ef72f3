using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace PinterestPipeline.AppHost.Hosting.Kafka;

/// <summary>Kafka as the DevKafka project, for machines without a container runtime.</summary>
public static class DevKafkaBuilderExtensions
{
    /// <summary>
    /// Adds <c>PinterestPipeline.DevKafka</c> as the Kafka resource: it listens on 127.0.0.1 at the port Aspire
    /// allocates and creates the topics declared with <see cref="KafkaBuilderExtensions.WithTopic{T}"/> at start.
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
            .WithEndpoint(port: port, scheme: "tcp", name: KafkaConnectionStrings.PrimaryEndpointName)
            .WithArgs(context =>
            {
                context.Args.Add(ReferenceExpression.Create($"--port={kafka.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}"));
                foreach (var topic in kafka.Annotations.OfType<KafkaTopicAnnotation>())
                {
                    context.Args.Add(ReferenceExpression.Create($"--topic={topic.Name}:{topic.Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
                }
            })
            .WithKafkaServerDefaults();
    }
}
