using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PinterestPipeline.RestProxy.Telemetry;

namespace PinterestPipeline.RestProxy.Topics;

/// <summary>
/// The cluster's topics and partitions, so an unknown topic or partition is answered at once instead of
/// by a producer that waits for metadata (Confluent's proxy waits up to 60 s). It only ever asks for
/// the metadata of all topics: a request naming one topic would make a broker with automatic topic
/// creation (librdkafka's mock, many dev clusters) create it.
/// </summary>
public sealed class TopicMetadataCache : IDisposable
{
    /// <summary>Spacing of metadata requests, which bounds what a flood of unknown topic names costs the cluster.</summary>
    private static readonly TimeSpan MinRefreshSpacing = TimeSpan.FromMilliseconds(100);

    private static readonly IReadOnlyDictionary<string, string> NoConfigs = new Dictionary<string, string>();

    private readonly IAdminClient admin;
    private readonly RestProxyOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<TopicMetadataCache> logger;
    private readonly Lock gate = new();
    private readonly SemaphoreSlim fetching = new(1, 1);
    private Task<TopicSnapshot?>? pending;
    private DateTimeOffset lastStart = DateTimeOffset.MinValue;
    private TopicSnapshot? snapshot;

    /// <param name="admin">An admin client on the producer's connections.</param>
    /// <param name="options">The proxy's settings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public TopicMetadataCache(IAdminClient admin, IOptions<RestProxyOptions> options, TimeProvider time, ILogger<TopicMetadataCache> logger)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(options);
        this.admin = admin;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The last successful answer of the cluster, or null if there was none yet.</summary>
    public TopicSnapshot? Current => Volatile.Read(ref snapshot);

    /// <summary>The error of the last failed refresh, cleared by a successful one.</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// Finds <paramref name="topic"/> (with at least <paramref name="partition"/> + 1 partitions). On a
    /// miss it waits for a refresh that starts after the call, so a topic created a moment ago is found.
    /// </summary>
    public async Task<TopicLookup> FindAsync(string topic, int? partition, CancellationToken cancellationToken)
    {
        var current = Current;
        if (Satisfies(current, topic, partition, out var hit))
        {
            return new TopicLookup(true, hit);
        }

        current = await RefreshAsync(cancellationToken) ?? current;
        if (current is null)
        {
            return new TopicLookup(false, null);
        }

        return new TopicLookup(true, current.Topics.GetValueOrDefault(topic));
    }

    /// <summary>Fetches metadata in a request that starts after this call; null when the cluster did not answer.</summary>
    public Task<TopicSnapshot?> RefreshAsync(CancellationToken cancellationToken)
    {
        Task<TopicSnapshot?> task;
        lock (gate)
        {
            pending ??= FetchAfterSpacingAsync();
            task = pending;
        }

        return task.WaitAsync(cancellationToken);
    }

    public void Dispose() => fetching.Dispose();

    private static bool Satisfies(TopicSnapshot? current, string topic, int? partition, out TopicDescription? found)
    {
        found = null;
        if (current is null || !current.Topics.TryGetValue(topic, out var description))
        {
            return false;
        }

        found = description;
        return partition is null || partition.Value < description.Partitions.Count;
    }

    private async Task<TopicSnapshot?> FetchAfterSpacingAsync()
    {
        // Return to the caller first, so it has published this task as pending before it can be cleared.
        await Task.Yield();
        await fetching.WaitAsync();
        try
        {
            var wait = lastStart + MinRefreshSpacing - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time);
            }

            lock (gate)
            {
                // From here on a new caller may have missed what this fetch sees: it gets a fetch of its own.
                pending = null;
                lastStart = time.GetUtcNow();
            }

            return await Task.Run(Fetch);
        }
        finally
        {
            fetching.Release();
        }
    }

    private TopicSnapshot? Fetch()
    {
        try
        {
            var metadata = admin.GetMetadata(options.MetadataTimeout);
            var topics = new Dictionary<string, TopicDescription>(StringComparer.Ordinal);
            foreach (var topic in metadata.Topics)
            {
                if (topic.Error.Code is ErrorCode.NoError or ErrorCode.LeaderNotAvailable && topic.Partitions.Count > 0)
                {
                    topics[topic.Topic] = Describe(topic);
                }
            }

            var fresh = new TopicSnapshot(topics);
            Volatile.Write(ref snapshot, fresh);
            if (LastError is not null)
            {
                RestProxyLog.MetadataRecovered(logger, topics.Count);
            }

            LastError = null;
            return fresh;
        }
        catch (KafkaException ex)
        {
            if (LastError is null)
            {
                RestProxyLog.MetadataFailed(logger, ex.Error.Reason, options.MetadataTimeout);
            }

            LastError = ex.Error.Reason;
            return null;
        }
    }

    private static TopicDescription Describe(TopicMetadata topic)
    {
        var partitions = topic.Partitions
            .OrderBy(p => p.PartitionId)
            .Select(p => new PartitionDescription(
                p.PartitionId,
                p.Leader,
                [.. p.Replicas.Select(r => new ReplicaDescription(r, r == p.Leader, p.InSyncReplicas.Contains(r)))]))
            .ToArray();
        return new TopicDescription(topic.Topic, NoConfigs, partitions);
    }
}
