using Microsoft.Extensions.Options;
using PinterestPipeline.RestProxy.Topics;
using PinterestPipeline.ServiceDefaults.Streams;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// The streams the cluster has: the topics that the <c>RestProxy:Streams:TopicPrefix</c> rule calls streams,
/// looked up in the proxy's metadata cache, which never creates a topic.
/// </summary>
public sealed class StreamCatalog(TopicMetadataCache topics, IOptions<StreamsOptions> options)
{
    private readonly StreamsOptions settings = options.Value;

    public string AccountId => settings.AccountId;

    public bool IsStream(string name) => StreamName.IsStream(name, settings.TopicPrefix);

    public string Arn(string name) => $"arn:aws:kinesis:{settings.Region}:{settings.AccountId}:stream/{name}";

    /// <exception cref="KinesisException">ResourceNotFoundException for a topic that is missing or not a stream; InternalFailure when the cluster does not answer.</exception>
    public async Task<TopicDescription> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (!IsStream(name))
        {
            throw NotFound(name);
        }

        var lookup = await topics.FindAsync(name, null, cancellationToken);
        return lookup switch
        {
            { Topic: TopicDescription found } => found,
            { MetadataAvailable: false } => throw KinesisException.InternalFailure("The Kafka cluster did not answer a metadata request: " + topics.LastError),
            _ => throw NotFound(name),
        };
    }

    /// <summary>Every stream, by name, from a metadata request that starts after the call (as <c>GET /topics</c>).</summary>
    /// <exception cref="KinesisException">InternalFailure when the cluster does not answer it: never the last list it gave.</exception>
    public async Task<IReadOnlyList<TopicDescription>> ListAsync(CancellationToken cancellationToken)
    {
        var snapshot = await topics.RefreshAsync(cancellationToken)
            ?? throw KinesisException.InternalFailure("The Kafka cluster did not answer a metadata request: " + topics.LastError);
        return [.. snapshot.Topics.Values.Where(t => IsStream(t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <summary>Fetches metadata again, so a stream just created or deleted shows at once.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => topics.RefreshAsync(cancellationToken);

    public KinesisException NotFound(string name) =>
        KinesisException.ResourceNotFound($"Stream {name} under account {settings.AccountId} not found.");
}
