using Confluent.Kafka;

namespace PinterestPipeline.Analytics.StreamProcessing;

/// <summary>
/// Where the job is in one shard (one Kafka partition): <see cref="Committed"/> is the next offset the warehouse has
/// not got (what <c>stream_positions</c> holds, with the <see cref="Fingerprint"/> of the record before it);
/// <see cref="Read"/> is the next offset the consumer should hand over. While <see cref="Verifying"/>, the consumer was
/// sent back one record, to the last committed one, to make sure the stream is still the one the positions came from.
/// </summary>
internal sealed class ShardCursor(StreamTable table, TopicPartition partition, long committed, ulong fingerprint)
{
    public StreamTable Table { get; } = table;

    public TopicPartition Partition { get; } = partition;

    public string ShardId { get; } = ServiceDefaults.Streams.ShardId.Format(partition.Partition.Value);

    public long Committed { get; private set; } = committed;

    public ulong Fingerprint { get; private set; } = fingerprint;

    public bool Verifying { get; set; } = committed > 0;

    public long Read { get; set; } = committed;

    /// <summary>The newest high watermark the consumer saw; -1 before the first fetch.</summary>
    public long HighWatermark { get; set; } = -1;

    /// <summary>When the last record of this shard was committed.</summary>
    public DateTimeOffset? LastCommitAt { get; private set; }

    /// <summary>Where the consumer is sent on (re)assignment: the last committed record while verifying, else the next one.</summary>
    public TopicPartitionOffset StartOffset =>
        new(Partition, Verifying ? new Offset(Committed - 1) : Committed == 0 ? Offset.Beginning : new Offset(Committed));

    public void Commit(long next, ulong fingerprint, DateTimeOffset at)
    {
        Committed = next;
        Fingerprint = fingerprint;
        LastCommitAt = at;
    }

    /// <summary>Forgets the uncommitted reads: the consumer is about to be sent back to <see cref="StartOffset"/>.</summary>
    public void Rewind() => Read = Committed;

    /// <summary>Starts the shard over from the stream's beginning (the table was moved aside).</summary>
    public void Reset()
    {
        Committed = 0;
        Fingerprint = 0;
        Verifying = false;
        Read = 0;
        LastCommitAt = null;
    }
}
