using System.Diagnostics;

namespace PinterestPipeline.Analytics.StreamProcessing;

/// <summary>A cleaned row waiting for its micro-batch's commit, with the record it came from.</summary>
internal readonly record struct PendingRow(object Row, ShardCursor Shard, long Offset, DateTime ArrivalTime);

/// <summary>A record that could not be decoded or parsed, waiting to be committed to <c>stream_rejected</c>.</summary>
internal sealed record PendingRejection(ShardCursor Shard, long Offset, string? PartitionKey, DateTime ArrivalTime, string Reason, byte[] Data, int DataLength);

/// <summary>
/// The records of one micro-batch: their rows per table, the rejected ones, each shard's position after them and the
/// trace contexts they carried. Committed in one transaction, or dropped whole.
/// </summary>
internal sealed class StreamBatch
{
    /// <summary>Links beyond this many add little to a trace and cost every exporter; the OpenTelemetry SDK's default limit.</summary>
    public const int MaxLinks = 128;

    private readonly HashSet<ActivityContext> seenContexts = [];

    public StreamBatch(IEnumerable<StreamTable> tables) => Rows = tables.ToDictionary(table => table, _ => new List<PendingRow>());

    public Dictionary<StreamTable, List<PendingRow>> Rows { get; }

    public List<PendingRejection> Rejected { get; } = [];

    /// <summary>Each shard read in this batch, with its next offset and the fingerprint of the last record read.</summary>
    public Dictionary<ShardCursor, (long Next, ulong Fingerprint)> Positions { get; } = [];

    /// <summary>The distinct trace contexts of the records' <c>traceparent</c> headers, in order, at most <see cref="MaxLinks"/>.</summary>
    public List<ActivityContext> TraceContexts { get; } = [];

    /// <summary>True when the records' trace contexts, all of them, belong to one trace.</summary>
    public bool OneTrace { get; private set; } = true;

    public int Records { get; private set; }

    /// <summary>When the first record was read (<see cref="TimeProvider.GetTimestamp"/>), or 0 while empty.</summary>
    public long StartedAt { get; private set; }

    public DateTimeOffset StartedAtUtc { get; private set; }

    /// <summary>When the batch's transaction committed.</summary>
    public DateTimeOffset CommittedAt { get; set; }

    public void Started(long timestamp, DateTimeOffset utc)
    {
        StartedAt = timestamp;
        StartedAtUtc = utc;
    }

    public void Add(PendingRow row)
    {
        Rows[row.Shard.Table].Add(row);
        Records++;
    }

    public void Add(PendingRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        Rejected.Add(rejection);
        Records++;
    }

    public void Moved(ShardCursor shard, long next, ulong fingerprint) => Positions[shard] = (next, fingerprint);

    public void AddTraceContext(ActivityContext context)
    {
        if (context == default)
        {
            return;
        }

        if (TraceContexts.Count > 0 && context.TraceId != TraceContexts[0].TraceId)
        {
            OneTrace = false;
        }

        if (TraceContexts.Count < MaxLinks && seenContexts.Add(context))
        {
            TraceContexts.Add(context);
        }
    }
}
