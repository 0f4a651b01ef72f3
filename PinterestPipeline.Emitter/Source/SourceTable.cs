using PinterestPipeline.ServiceDefaults.Streams;

namespace PinterestPipeline.Emitter.Source;

/// <summary>
/// One of the three source tables: its name, the key its rows are ordered by, the suffix of its topic and stream, and
/// the partition key the seed's streaming script sends its rows with.
/// </summary>
public sealed record SourceTable(string Name, string KeyColumn, string TopicSuffix, string PartitionKey)
{
    public static readonly SourceTable Pin = new("pinterest_data", "index", "pin", "partition-1");
    public static readonly SourceTable Geo = new("geolocation_data", "ind", "geo", "partition-2");
    public static readonly SourceTable User = new("user_data", "ind", "user", "partition-3");

    /// <summary>In the order the original posted them: pin, geo, user.</summary>
    public static readonly IReadOnlyList<SourceTable> All = [Pin, Geo, User];

    public string TopicFor(string prefix) => $"{prefix}.{TopicSuffix}";

    /// <summary>The Kinesis stream of the course's streaming milestone (a Kafka topic of the same name here).</summary>
    public string StreamFor(string prefix) => $"{StreamName.DefaultTopicPrefix}{prefix}-{TopicSuffix}";

    /// <summary>
    /// The row at position <c>@offset</c>: the original's <c>LIMIT offset, 1</c> with an explicit order, since without
    /// ORDER BY the server may return any row. Ordering by the key keeps the three tables aligned (the same offset gives
    /// <c>index == ind</c>) and stays correct when keys have gaps: position N is the (N+1)-th smallest key, not key N.
    /// </summary>
    public string RowAtOffsetSql => $"SELECT * FROM `{Name}` ORDER BY `{KeyColumn}` LIMIT 1 OFFSET @offset";

    /// <summary>The row whose key is the value of <paramref name="parameter"/>.</summary>
    public string RowWithKeySql(string parameter) => $"SELECT * FROM `{Name}` WHERE `{KeyColumn}` = {parameter}";
}
