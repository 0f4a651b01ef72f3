using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PinterestPipeline.RestProxy.Kafka;
using PinterestPipeline.RestProxy.Telemetry;

namespace PinterestPipeline.RestProxy.Topics;

/// <summary>
/// The cluster's topics and partitions, so an unknown topic or partition is answered at once instead of
/// by a producer that waits for metadata (Confluent's proxy waits up to 60 s). It only ever asks for
/// the metadata of all topics: a request naming one topic would make a broker with automatic topic
/// creation (librdkafka's mock, many dev clusters) create it.
/// The produce path takes any answer it has (<see cref="FindAsync"/>: a record to a known topic goes to the producer,
/// which waits for the broker up to the delivery timeout); the metadata reads take only a fresh one
/// (<see cref="FindFreshAsync"/>), as Confluent's proxy asks the cluster for each of them.
/// </summary>
public sealed class TopicMetadataCache : IDisposable
{
    /// <summary>Spacing of metadata requests, which bounds what a flood of unknown topic names costs the cluster.</summary>
    private static readonly TimeSpan MinRefreshSpacing = TimeSpan.FromMilliseconds(100);

    private static readonly IReadOnlyDictionary<string, string> NoConfigs = new Dictionary<string, string>();

    private readonly IAdminClient admin;
    private readonly RestProxyOptions options;
    private readonly ProducerStatus status;
    private readonly TimeProvider time;
    private readonly ILogger<TopicMetadataCache> logger;
    private readonly Lock gate = new();
    private readonly SemaphoreSlim fetching = new(1, 1);
    private Task<TopicSnapshot?>? pending;
    private DateTimeOffset lastStart = DateTimeOffset.MinValue;
    private TopicSnapshot? snapshot;
    private long snapshotAskedTicks;

    /// <param name="admin">An admin client on the producer's connections.</param>
    /// <param name="options">The proxy's settings.</param>
    /// <param name="status">The producer's errors, which make the cached answer stale.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public TopicMetadataCache(IAdminClient admin, IOptions<RestProxyOptions> options, ProducerStatus status, TimeProvider time, ILogger<TopicMetadataCache> logger)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(status);
        this.admin = admin;
        this.options = options.Value;
        this.status = status;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The last successful answer of the cluster, or null if there was none yet.</summary>
    public TopicSnapshot? Current => Volatile.Read(ref snapshot);

    /// <summary>The error of the last failed refresh, cleared by a successful one.</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// Finds <paramref name="topic"/> (with at least <paramref name="partition"/> + 1 partitions) in the last answer,
    /// however old. On a miss it waits for a refresh that starts after the call, so a topic created a moment ago is
    /// found; when that refresh fails the topic is not known either way (<see cref="TopicLookup.MetadataAvailable"/> false).
    /// </summary>
    public async Task<TopicLookup> FindAsync(string topic, int? partition, CancellationToken cancellationToken)
    {
        if (Satisfies(Current, topic, partition, out var hit))
        {
            return new TopicLookup(true, hit);
        }

        return await FindAfterRefreshAsync(topic, cancellationToken);
    }

    /// <summary>
    /// Finds <paramref name="topic"/> in a fresh answer: the cached one while it is fresh (see <see cref="IsFresh"/>),
    /// else one from a refresh that starts after the call (bounded by <c>RestProxy:MetadataTimeout</c>).
    /// </summary>
    public async Task<TopicLookup> FindFreshAsync(string topic, CancellationToken cancellationToken)
    {
        if (IsFresh() && Satisfies(Current, topic, null, out var hit))
        {
            return new TopicLookup(true, hit);
        }

        return await FindAfterRefreshAsync(topic, cancellationToken);
    }

    /// <summary>
    /// Whether the cached answer still stands for the cluster: the last refresh succeeded, it was asked after the
    /// producer's last error (a broker lost or refused: the cluster may have changed or be gone since), and less than
    /// <c>RestProxy:MetadataRefreshInterval</c> ago.
    /// </summary>
    public bool IsFresh()
    {
        if (Current is null || LastError is not null)
        {
            return false;
        }

        var asked = new DateTimeOffset(Interlocked.Read(ref snapshotAskedTicks), TimeSpan.Zero);
        return asked > status.LastErrorAt && time.GetUtcNow() - asked < options.MetadataRefreshInterval;
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

    private async Task<TopicLookup> FindAfterRefreshAsync(string topic, CancellationToken cancellationToken)
    {
        var fresh = await RefreshAsync(cancellationToken);
        return fresh is null
            ? new TopicLookup(false, null)
            : new TopicLookup(true, fresh.Topics.GetValueOrDefault(topic));
    }

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

            DateTimeOffset asked;
            lock (gate)
            {
                // From here on a new caller may have missed what this fetch sees: it gets a fetch of its own.
                pending = null;
                lastStart = asked = time.GetUtcNow();
            }

            return await Task.Run(() => Fetch(asked));
        }
        finally
        {
            fetching.Release();
        }
    }

    private TopicSnapshot? Fetch(DateTimeOffset asked)
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
            Interlocked.Exchange(ref snapshotAskedTicks, asked.UtcTicks);
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
