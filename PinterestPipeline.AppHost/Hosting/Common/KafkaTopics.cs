using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace PinterestPipeline.AppHost.Hosting.Common;

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
