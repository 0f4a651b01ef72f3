using System.Text.Json.Serialization;

namespace PinterestPipeline.Analytics.StreamProcessing;

/// <summary>What the stream job is doing.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StreamJobState>))]
public enum StreamJobState
{
    /// <summary><c>Analytics:Streams:Enabled</c> is false, or unset with no <c>ConnectionStrings:kafka</c>.</summary>
    Disabled,

    /// <summary>Reading its positions and the streams' shards.</summary>
    Starting,

    Running,

    /// <summary>A cycle failed (see <see cref="StreamJobStatus.Error"/>); it starts again from the warehouse's positions at <see cref="StreamJobStatus.RetryAt"/>.</summary>
    Retrying,

    Stopped,
}

/// <summary>One shard as the job last saw it: the next offset committed to the warehouse and the stream's high watermark.</summary>
public sealed record ShardProgress(string Stream, string ShardId, int Partition, long Committed, long HighWatermark, DateTimeOffset? LastCommitAt)
{
    /// <summary>Records in the shard not yet in the warehouse; null before the consumer has seen the shard's end.</summary>
    public long? Lag => HighWatermark < 0 ? null : Math.Max(0, HighWatermark - Committed);
}

/// <summary>The stream job's state for the API and the lag gauge, published by the job's loop as immutable snapshots.</summary>
public sealed class StreamJobStatus
{
    private volatile Snapshot current = new(StreamJobState.Starting, null, null, []);

    public StreamJobState State => current.State;

    public string? Error => current.Error;

    public DateTimeOffset? RetryAt => current.RetryAt;

    public IReadOnlyList<ShardProgress> Shards => current.Shards;

    internal void Set(StreamJobState state, string? error = null, DateTimeOffset? retryAt = null) =>
        current = current with { State = state, Error = error, RetryAt = retryAt };

    internal void Publish(IReadOnlyList<ShardProgress> shards) => current = current with { Shards = shards };

    private sealed record Snapshot(StreamJobState State, string? Error, DateTimeOffset? RetryAt, IReadOnlyList<ShardProgress> Shards);
}
