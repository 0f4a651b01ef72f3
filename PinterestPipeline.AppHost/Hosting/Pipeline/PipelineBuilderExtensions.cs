using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using PinterestPipeline.AppHost.Hosting.Kafka;

namespace PinterestPipeline.AppHost.Hosting.Pipeline;

/// <summary>The pipeline's own settings in the application model: the topic prefix and the topics.</summary>
public static class PipelineBuilderExtensions
{
    /// <summary>
    /// Adds the <c>topic-prefix</c> parameter (set it with <c>Parameters:topic-prefix</c>); without a value a
    /// 12-hex-digit id is generated once and kept in the AppHost's user secrets.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddTopicPrefix(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddParameter(PipelineTopics.PrefixParameterName, new TopicPrefixDefault(), secret: false, persist: true)
            .WithDescription("Prefix of the Kafka topics <prefix>.pin, <prefix>.geo and <prefix>.user (the AWS user id in the original pipeline).");
    }

    /// <summary>The partition count of each pipeline topic (<c>Pipeline:TopicPartitions</c>, default 1).</summary>
    /// <exception cref="DistributedApplicationException">The setting is not a whole number from 1 to 1000.</exception>
    public static int GetTopicPartitions(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var value = builder.Configuration[PipelineTopics.PartitionsSettingName];
        if (string.IsNullOrWhiteSpace(value))
        {
            return PipelineTopics.DefaultPartitions;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var partitions) && partitions is >= 1 and <= 1000
            ? partitions
            : throw new DistributedApplicationException($"{PipelineTopics.PartitionsSettingName} is '{value}'; use a whole number from 1 to 1000.");
    }

    /// <summary>Declares <c>&lt;prefix&gt;.pin|geo|user</c> on the broker, so they exist before any service that waits for it starts.</summary>
    public static IResourceBuilder<T> WithPipelineTopics<T>(this IResourceBuilder<T> kafka, IResourceBuilder<ParameterResource> prefix, int partitions = PipelineTopics.DefaultPartitions)
        where T : IKafkaServerResource
    {
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(prefix);

        foreach (var suffix in PipelineTopics.Suffixes)
        {
            kafka.WithTopic(ReferenceExpression.Create($"{prefix.Resource}.{suffix}"), partitions);
        }

        return kafka.OnBeforeResourceStarted(async (_, _, cancellationToken) =>
        {
            var value = await prefix.Resource.GetValueAsync(cancellationToken).ConfigureAwait(false);
            if (!PipelineTopics.IsValidPrefix(value))
            {
                throw new DistributedApplicationException(
                    $"The parameter '{prefix.Resource.Name}' is '{value}', which cannot start a Kafka topic name: use letters, digits, '.', '_' or '-' (for example a 12-hex-digit id).");
            }
        });
    }

    /// <summary>Gives a service the topic prefix as <c>Pipeline__TopicPrefix</c> (the <c>Pipeline:TopicPrefix</c> setting).</summary>
    public static IResourceBuilder<T> WithTopicPrefix<T>(this IResourceBuilder<T> builder, IResourceBuilder<ParameterResource> prefix)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(prefix);
        return builder.WithEnvironment(PipelineTopics.PrefixEnvironmentVariable, prefix);
    }
}
