namespace PinterestPipeline.Analytics.Cleaning;

/// <summary>
/// A source table as its records arrive (the keys of the emitter's JSON, in the MySQL table's column order) and the
/// topic suffix it travels under.
/// </summary>
public sealed class SourceTable
{
    private SourceTable(string topicSuffix, string warehouseTable, IReadOnlyList<string> columns)
    {
        TopicSuffix = topicSuffix;
        WarehouseTable = warehouseTable;
        Columns = columns;
    }

    public static SourceTable Pin { get; } = new(
        "pin",
        "pin",
        ["index", "unique_id", "title", "description", "poster_name", "follower_count", "tag_list", "is_image_or_video", "image_src", "downloaded", "save_location", "category"]);

    public static SourceTable Geo { get; } = new("geo", "geo", ["ind", "timestamp", "latitude", "longitude", "country"]);

    public static SourceTable User { get; } = new("user", "user", ["ind", "first_name", "last_name", "age", "date_joined"]);

    public static IReadOnlyList<SourceTable> All { get; } = [Pin, Geo, User];

    /// <summary><c>pin</c>, <c>geo</c> or <c>user</c>: the topic is <c>&lt;prefix&gt;.&lt;suffix&gt;</c>.</summary>
    public string TopicSuffix { get; }

    /// <summary>The cleaned table in the warehouse.</summary>
    public string WarehouseTable { get; }

    public IReadOnlyList<string> Columns { get; }

    public string Topic(string prefix) => $"{prefix}.{TopicSuffix}";

    public override string ToString() => TopicSuffix;
}
