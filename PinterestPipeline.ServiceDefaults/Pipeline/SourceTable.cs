namespace PinterestPipeline.ServiceDefaults.Pipeline;

/// <summary>
/// One of the three source tables: its name, the key its rows are ordered by, the suffix of its topic and stream, and
/// the partition key the seed's streaming script sends its rows with.
/// </summary>
public sealed record SourceTable(string Name, string KeyColumn, string TopicSuffix, string PartitionKey)
{
    public static readonly SourceTable Pin = new("pinterest_data", "index", PipelineNames.Pin, "partition-1");
    public static readonly SourceTable Geo = new("geolocation_data", "ind", PipelineNames.Geo, "partition-2");
    public static readonly SourceTable User = new("user_data", "ind", PipelineNames.User, "partition-3");

    /// <summary>In the order the original posted them: pin, geo, user.</summary>
    public static readonly IReadOnlyList<SourceTable> All = [Pin, Geo, User];

    public string TopicFor(string prefix) => PipelineNames.Topic(prefix, TopicSuffix);

    /// <summary>The Kinesis stream of the course's streaming milestone (a Kafka topic of the same name here).</summary>
    public string StreamFor(string prefix) => PipelineNames.Stream(prefix, TopicSuffix);
}
