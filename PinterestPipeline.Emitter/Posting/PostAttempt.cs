namespace PinterestPipeline.Emitter.Posting;

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
