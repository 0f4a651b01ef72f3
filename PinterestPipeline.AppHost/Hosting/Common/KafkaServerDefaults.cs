using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PinterestPipeline.AppHost.Hosting.Common;

/// <summary>
/// What the Kafka container (<see cref="KafkaServerResource"/>) and the DevKafka process share: the endpoint name, the
/// connection string (the bootstrap servers <c>host:port</c>) and its properties, the icon and the health check; and
/// topics (<see cref="KafkaTopicBuilderExtensions.WithTopic{T}"/>, below).
/// </summary>
internal static class KafkaServerDefaults
{
    /// <summary>The endpoint host processes connect to (named <c>tcp</c>, as in the official integration).</summary>
    public const string PrimaryEndpointName = "tcp";

    public static ReferenceExpression ConnectionString(EndpointReference endpoint) =>
        ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.HostAndPort)}");

    public static IEnumerable<KeyValuePair<string, ReferenceExpression>> ConnectionProperties(EndpointReference endpoint)
    {
        yield return new("Host", ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Host)}"));
        yield return new("Port", ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Port)}"));
    }

    /// <summary>The icon and the health check (<see cref="KafkaHealthCheck"/>, key <c>&lt;name&gt;_check</c>).</summary>
    public static IResourceBuilder<T> WithKafkaServerDefaults<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithConnectionString =>
        builder.WithHealthCheck(kafka => new KafkaHealthCheck(kafka), "Flow");
}

/// <summary>
/// Healthy when the broker answers a metadata request at its bootstrap address <b>and</b> at every address it
/// advertises. Clients bootstrap once and then talk only to the advertised addresses, so a broker that answers at the
/// bootstrap address but advertises one nothing listens on (a wrong <c>KAFKA_ADVERTISED_LISTENERS</c>) is unusable:
/// it is reported Unhealthy, with the address, so dependants wait and the dashboard says why.
/// </summary>
internal sealed class KafkaHealthCheck(IResourceWithConnectionString resource) : IHealthCheck
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string? bootstrapServers;
        try
        {
            bootstrapServers = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or DistributedApplicationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }

        // librdkafka calls block; keep them off the health-check loop's thread.
        return await Task.Run(() => Probe(bootstrapServers, context.Registration.FailureStatus), cancellationToken).ConfigureAwait(false);
    }

    private static HealthCheckResult Probe(string? bootstrapServers, HealthStatus failureStatus)
    {
        if (GetMetadata(bootstrapServers, out var failure) is not { } metadata)
        {
            return new HealthCheckResult(failureStatus, $"No answer from the broker at {bootstrapServers}: {failure}");
        }

        if (metadata.Brokers.Count == 0)
        {
            return new HealthCheckResult(failureStatus, $"The broker at {bootstrapServers} answered but named no brokers.");
        }

        foreach (var broker in metadata.Brokers)
        {
            var advertised = $"{broker.Host}:{broker.Port}";
            if (GetMetadata(advertised, out failure) is null)
            {
                return new HealthCheckResult(failureStatus,
                    $"The broker at {bootstrapServers} answers but advertises {advertised} (broker {broker.BrokerId}), where there is no answer: {failure}. " +
                    "Clients would connect and then fail; check the broker's advertised listeners.");
            }
        }

        return HealthCheckResult.Healthy();
    }

    private static Metadata? GetMetadata(string? bootstrapServers, out string failure)
    {
        var config = new AdminClientConfig
        {
            BootstrapServers = bootstrapServers,
            SocketTimeoutMs = (int)MetadataTimeout.TotalMilliseconds,
            SocketConnectionSetupTimeoutMs = (int)MetadataTimeout.TotalMilliseconds,
        };
        try
        {
            // Refused connections while the broker starts are expected; the result carries the reason instead of the log.
            using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).Build();
            failure = "";
            return admin.GetMetadata(MetadataTimeout);
        }
        catch (KafkaException ex)
        {
            failure = ex.Error.Reason;
            return null;
        }
    }
}

/// <summary>A topic the broker must have before dependants start; the name may contain parameters.</summary>
public sealed record KafkaTopicAnnotation(ReferenceExpression Name, int Partitions) : IResourceAnnotation;

/// <summary>
/// Topics on a broker, which the official <c>Aspire.Hosting.Kafka</c> has no API for. It works on any resource with a
/// connection string, so it serves the copy of <see cref="KafkaServerResource"/> here and the official one alike.
/// </summary>
public static class KafkaTopicBuilderExtensions
{
    /// <summary>
    /// Declares a topic that must exist before dependants start. A broker container gets them from an admin client once
    /// it is ready; DevKafka reads the <see cref="KafkaTopicAnnotation"/>s itself (<c>--topic</c>).
    /// </summary>
    public static IResourceBuilder<T> WithTopic<T>(this IResourceBuilder<T> builder, ReferenceExpression name, int partitions = 1)
        where T : IResourceWithConnectionString
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        if (builder.Resource is ContainerResource && !builder.Resource.Annotations.OfType<KafkaTopicAnnotation>().Any())
        {
            builder.OnResourceReady(CreateTopicsAsync);
        }

        return builder.WithAnnotation(new KafkaTopicAnnotation(name, partitions));
    }

    private static async Task CreateTopicsAsync<T>(T kafka, ResourceReadyEvent @event, CancellationToken cancellationToken)
        where T : IResourceWithConnectionString
    {
        var topics = new List<TopicSpecification>();
        foreach (var topic in kafka.Annotations.OfType<KafkaTopicAnnotation>())
        {
            var name = await topic.Name.GetValueAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new DistributedApplicationException($"A topic name of '{kafka.Name}' has no value ({topic.Name.ValueExpression}).");
            topics.Add(new TopicSpecification { Name = name, NumPartitions = topic.Partitions, ReplicationFactor = 1 });
        }

        var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(kafka);
        var bootstrapServers = await kafka.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        try
        {
            await admin.CreateTopicsAsync(topics).ConfigureAwait(false);
        }
        catch (CreateTopicsException ex) when (ex.Results.All(result => result.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Topics kept in the data volume from an earlier run: nothing to do.
        }

        foreach (var topic in topics)
        {
            HostingLog.TopicReady(logger, topic.Name, topic.NumPartitions);
        }
    }
}
