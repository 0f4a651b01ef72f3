namespace PinterestPipeline.Analytics;

/// <summary>
/// The <c>Analytics</c> section. The bucket settings mirror the sink's (<c>Storage</c> = <c>Local</c> | <c>S3</c>,
/// <c>LocalPath</c>, <c>S3:*</c>), so both services are pointed at one bucket the same way.
/// </summary>
public sealed class AnalyticsOptions : BucketSettings
{
    public const string SectionName = "Analytics";
    /// <summary>The DuckDB file this service owns (created with its folder if missing). Users open a copy.</summary>
    public string? WarehousePath { get; set; }

    /// <summary>The sink's <c>topics.dir</c>: the top folder of the object keys.</summary>
    public string TopicsDir { get; set; } = "topics";

    /// <summary>The topics are <c>&lt;prefix&gt;.pin</c>, <c>.geo</c> and <c>.user</c>; from <c>Pipeline:TopicPrefix</c>.</summary>
    public string? TopicPrefix { get; set; }

    public BatchOptions Batch { get; set; } = new();

    public StreamsOptions Streams { get; set; } = new();
}
