using System.Globalization;
using PinterestPipeline.RestProxy.Protocol;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.RestProxy.Topics;

/// <summary>The v2 metadata reads: <c>GET /</c>, <c>/topics</c>, <c>/topics/{topic}</c> and its partitions.</summary>
public static class TopicEndpoints
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public static IEndpointRouteBuilder MapTopicEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/", () => TypedResults.Json(Empty, RestProxyJsonContext.Api.IReadOnlyDictionaryStringString, MediaTypes.V2))
            .WithName("Root")
            .WithSummary("An empty object, as Confluent's proxy answers");

        api.MapGet("/topics", ListAsync)
            .WithName("ListTopics")
            .WithSummary("The names of the cluster's topics")
            .Produces<IReadOnlyList<string>>(StatusCodes.Status200OK, MediaTypes.V2)
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable, MediaTypes.V2);

        api.MapGet("/topics/{topic}", GetTopicAsync)
            .WithName("GetTopic")
            .WithSummary("A topic's partitions, leaders and replicas")
            .Produces<TopicDescription>(StatusCodes.Status200OK, MediaTypes.V2)
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound, MediaTypes.V2)
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable, MediaTypes.V2);

        api.MapGet("/topics/{topic}/partitions", ListPartitionsAsync)
            .WithName("ListPartitions")
            .WithSummary("A topic's partitions")
            .Produces<IReadOnlyList<PartitionDescription>>(StatusCodes.Status200OK, MediaTypes.V2)
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound, MediaTypes.V2)
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable, MediaTypes.V2);

        api.MapGet("/topics/{topic}/partitions/{partition}", GetPartitionAsync)
            .WithName("GetPartition")
            .WithSummary("One partition of a topic")
            .Produces<PartitionDescription>(StatusCodes.Status200OK, MediaTypes.V2)
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound, MediaTypes.V2)
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable, MediaTypes.V2);

        return api;
    }

    /// <summary>
    /// Always from a request that starts after the call, as Confluent's proxy answers it (so a topic created a moment
    /// ago is listed); 503 when the cluster does not answer it, never the last list it gave.
    /// </summary>
    private static async Task<IResult> ListAsync(TopicMetadataCache cache, CancellationToken cancellationToken)
    {
        var snapshot = await cache.RefreshAsync(cancellationToken);
        if (snapshot is null)
        {
            return RestResults.BrokerNotAvailable();
        }

        IReadOnlyList<string> names = [.. snapshot.Topics.Keys.Order(StringComparer.Ordinal)];
        return TypedResults.Json(names, RestProxyJsonContext.Api.IReadOnlyListString, MediaTypes.V2);
    }

    private static async Task<IResult> GetTopicAsync(string topic, TopicMetadataCache cache, CancellationToken cancellationToken)
    {
        var (description, error) = await FindAsync(topic, cache, cancellationToken);
        return description is null
            ? error!
            : TypedResults.Json(description, RestProxyJsonContext.Api.TopicDescription, MediaTypes.V2);
    }

    private static async Task<IResult> ListPartitionsAsync(string topic, TopicMetadataCache cache, CancellationToken cancellationToken)
    {
        var (description, error) = await FindAsync(topic, cache, cancellationToken);
        return description is null
            ? error!
            : TypedResults.Json(description.Partitions, RestProxyJsonContext.Api.IReadOnlyListPartitionDescription, MediaTypes.V2);
    }

    private static async Task<IResult> GetPartitionAsync(string topic, string partition, TopicMetadataCache cache, CancellationToken cancellationToken)
    {
        var (description, error) = await FindAsync(topic, cache, cancellationToken);
        if (description is null)
        {
            return error!;
        }

        if (!int.TryParse(partition, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id >= description.Partitions.Count)
        {
            return RestResults.PartitionNotFound();
        }

        return TypedResults.Json(description.Partitions[id], RestProxyJsonContext.Api.PartitionDescription, MediaTypes.V2);
    }

    private static async Task<(TopicDescription? Topic, IResult? Error)> FindAsync(string topic, TopicMetadataCache cache, CancellationToken cancellationToken)
    {
        if (!TopicName.IsValid(topic))
        {
            return (null, RestResults.TopicNotFound());
        }

        var lookup = await cache.FindFreshAsync(topic, cancellationToken);
        return lookup switch
        {
            { Topic: TopicDescription found } => (found, null),
            { MetadataAvailable: false } => (null, RestResults.BrokerNotAvailable()),
            _ => (null, RestResults.TopicNotFound()),
        };
    }
}
