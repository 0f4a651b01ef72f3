using System.Text.Json;
using PinterestPipeline.Analytics.StreamProcessing;

namespace PinterestPipeline.Analytics.Web;

/// <summary>
/// <c>GET /api/streams</c>: what the stream job is doing and, per table, its rows, the rows that arrived in the last
/// minute, the rejected records, the lag behind the stream (records not yet in the table; null while unknown) and
/// the newest rows, newest first.
/// </summary>
public sealed record StreamsResponse(
    bool Enabled,
    StreamJobState State,
    string? Error,
    DateTimeOffset? RetryAt,
    int MaxBatchRecords,
    double MaxBatchWaitMs,
    IReadOnlyList<StreamTableResponse> Tables);

public sealed record StreamTableResponse(
    string Name,
    string Stream,
    long Rows,
    long RowsLastMinute,
    long Rejected,
    long? Lag,
    DateTimeOffset? LastCommitAt,
    IReadOnlyList<string> Columns,
    JsonElement LastRows,
    IReadOnlyList<StreamShardResponse> Shards);

/// <summary>A shard: <see cref="Committed"/> records of it are in the warehouse (its next offset); <see cref="Latest"/> is the stream's end.</summary>
public sealed record StreamShardResponse(string ShardId, long Committed, long? Latest, long? Lag, DateTimeOffset? LastCommitAt);

/// <summary><c>GET /api/streams/{table}/rows</c>: rows <see cref="Offset"/> to <see cref="Offset"/> + <see cref="Limit"/> - 1 in commit order, of <see cref="Total"/>.</summary>
public sealed record StreamRowsResponse(string Name, long Offset, int Limit, long Total, IReadOnlyList<string> Columns, JsonElement Rows);
