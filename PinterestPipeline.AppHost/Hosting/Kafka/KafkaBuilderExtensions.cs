using Aspire.Hosting.ApplicationModel;
using PinterestPipeline.AppHost.Hosting.Common;

namespace Aspire.Hosting;

/// <summary>
/// Kafka in the application model, shaped like the official <c>Aspire.Hosting.Kafka</c> package (which this
/// machine's package feed does not serve): same method names, image, listener layout, endpoints and connection string.
/// </summary>
public static class KafkaBuilderExtensions
{
    private const int KafkaBrokerPort = 9092;
    private const int KafkaInternalBrokerPort = 9093;
    private const int KafkaUIPort = 8080;
    private const string DataTarget = "/var/lib/kafka/data";

    /// <summary>Adds a Kafka broker container (<c>confluentinc/confluent-local</c>, single-node KRaft).</summary>
    /// <param name="port">The host port; null lets Aspire pick one.</param>
    public static IResourceBuilder<KafkaServerResource> AddKafka(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var kafka = new KafkaServerResource(name);
        return builder.AddResource(kafka)
            .WithEndpoint(targetPort: KafkaBrokerPort, port: port, name: KafkaServerResource.PrimaryEndpointName)
            .WithEndpoint(targetPort: KafkaInternalBrokerPort, name: KafkaServerResource.InternalEndpointName)
            .WithImage(KafkaContainerImageTags.Image, KafkaContainerImageTags.Tag)
            .WithImageRegistry(KafkaContainerImageTags.Registry)
            .WithEnvironment(context => ConfigureListeners(context, kafka))
            .WithKafkaServerDefaults();
    }

    /// <summary>Adds Kafka UI (kafbat) pointed at this broker; not part of the manifest.</summary>
    public static IResourceBuilder<KafkaServerResource> WithKafkaUI(this IResourceBuilder<KafkaServerResource> builder, Action<IResourceBuilder<KafkaUIContainerResource>>? configureContainer = null, string? containerName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var kafka = builder.Resource;
        var kafkaUi = builder.ApplicationBuilder.AddResource(new KafkaUIContainerResource(containerName ?? "kafka-ui"))
            .WithImage(KafkaContainerImageTags.KafkaUiImage, KafkaContainerImageTags.KafkaUiTag)
            .WithImageRegistry(KafkaContainerImageTags.Registry)
            .WithHttpEndpoint(targetPort: KafkaUIPort, name: KafkaUIContainerResource.PrimaryEndpointName)
            .WithUrlForEndpoint(KafkaUIContainerResource.PrimaryEndpointName, url => url.DisplayText = "Kafka UI")
            .WithIconName("DataArea")
            .WithEnvironment(context =>
            {
                // Containers reach the broker by resource name on Aspire's container network, through the internal listener.
                context.EnvironmentVariables["KAFKA_CLUSTERS_0_NAME"] = kafka.Name;
                context.EnvironmentVariables["KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS"] = $"{kafka.Name}:{KafkaInternalBrokerPort}";
            })
            .WithParentRelationship(builder)
            .WaitFor(builder)
            .ExcludeFromManifest();

        configureContainer?.Invoke(kafkaUi);
        return builder;
    }

    /// <summary>Keeps the broker's log directory in a named volume across runs.</summary>
    public static IResourceBuilder<KafkaServerResource> WithDataVolume(this IResourceBuilder<KafkaServerResource> builder, string? name = null, bool isReadOnly = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .WithEnvironment(context => context.EnvironmentVariables["KAFKA_LOG_DIRS"] = DataTarget)
            .WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), DataTarget, isReadOnly);
    }

    private static void ConfigureListeners(EnvironmentCallbackContext context, KafkaServerResource kafka)
    {
        // The official layout: PLAINTEXT_HOST for processes on the host (the published port), PLAINTEXT_INTERNAL for
        // other containers (by resource name), CONTROLLER for KRaft.
        context.EnvironmentVariables["KAFKA_LISTENERS"] =
            $"PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093,PLAINTEXT_HOST://0.0.0.0:{KafkaBrokerPort},PLAINTEXT_INTERNAL://0.0.0.0:{KafkaInternalBrokerPort}";
        context.EnvironmentVariables["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"] =
            "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT,PLAINTEXT_INTERNAL:PLAINTEXT";

        var primary = kafka.PrimaryEndpoint;
        var internalEndpoint = kafka.InternalEndpoint;
        context.EnvironmentVariables["KAFKA_ADVERTISED_LISTENERS"] = context.ExecutionContext.IsRunMode
            ? ReferenceExpression.Create(
                $"PLAINTEXT://localhost:29092,PLAINTEXT_HOST://localhost:{primary.Property(EndpointProperty.Port)},PLAINTEXT_INTERNAL://{kafka.Name}:{internalEndpoint.Property(EndpointProperty.TargetPort)}")
            : ReferenceExpression.Create(
                $"PLAINTEXT://{primary.Property(EndpointProperty.Host)}:29092,PLAINTEXT_HOST://{primary.Property(EndpointProperty.HostAndPort)},PLAINTEXT_INTERNAL://{internalEndpoint.Property(EndpointProperty.HostAndPort)}");
    }
}
