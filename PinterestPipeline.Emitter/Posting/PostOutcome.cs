namespace PinterestPipeline.Emitter.Posting;

/// <summary>How a request (POST or PUT) ended after its retries.</summary>
public enum PostOutcome
{
    Ok,

    /// <summary>Refused (a 4xx or a non-retriable error in the body); logged with the response and not retried.</summary>
    Rejected,

    /// <summary>Still failing after the last attempt (connection error, timeout, or the target's retriable answers).</summary>
    Failed,
}

/// <summary>
/// The end of one request: its topic or stream, outcome, the last HTTP status (null when no response came), attempts
/// made, why it failed, and where the record landed.
/// </summary>
public sealed record PostResult(string Destination, PostOutcome Outcome, int? StatusCode, int Attempts, string? Detail, RecordPosition? Position)
{
    /// <summary>Why a request did not succeed, as the logs and the final line say it (<see cref="Describe"/>).</summary>
    public string Reason => Describe(StatusCode, Detail);

    /// <summary><c>HTTP 404: {"error_code":40401,...}</c>, or <c>no response: Connection refused (127.0.0.1:8082)</c>.</summary>
    public static string Describe(int? statusCode, string? detail) =>
        statusCode is { } status ? $"HTTP {status}: {detail}" : $"no response: {detail}";
}

/// <summary>What one HTTP attempt means for the request.</summary>
public enum PostAttemptKind
{
    /// <summary>The record was written.</summary>
    Ok,

    /// <summary>Worth another try: the target's retriable answers (5xx, 429, a produce error 5000x, a Kinesis throttle).</summary>
    Retryable,

    /// <summary>The request was refused (a validation error, an unknown topic or stream); retrying would not help.</summary>
    Rejected,
}

/// <summary>
/// The classified answer to one HTTP attempt (see <see cref="IPostTarget.Classify"/>), with where the record landed
/// when the answer says so.
/// </summary>
public sealed record PostAttempt(int StatusCode, PostAttemptKind Kind, string? Detail, RecordPosition? Position = null)
{
    /// <summary>Longest response text kept for logs.</summary>
    public const int MaxDetailLength = 2000;

    public static string Truncate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";
    }
}

/// <summary>
/// Where a record was stored: the Kafka partition and offset (<c>0</c>, <c>17</c>), or the Kinesis shard and sequence
/// number (<c>shardId-000000000000</c>, <c>4959…</c>).
/// </summary>
public sealed record RecordPosition(string PartitionId, string Id)
{
    public override string ToString() => $"{PartitionId}@{Id}";
}
