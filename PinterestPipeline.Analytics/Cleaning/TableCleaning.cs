using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Analytics.Cleaning;

/// <summary>
/// How one source table is cleaned: its records as they arrive (the keys of the emitter's JSON, in the MySQL table's column order), the
/// topic suffix it travels under, and its cleaning rules, which the batch and the stream job share.
/// </summary>
public sealed class TableCleaning
{
    private readonly Func<IReadOnlyList<SourceValue>, object> clean;

    private TableCleaning(string topicSuffix, string warehouseTable, IReadOnlyList<string> columns, Func<IReadOnlyList<SourceValue>, object> clean)
    {
        TopicSuffix = topicSuffix;
        WarehouseTable = warehouseTable;
        Columns = columns;
        this.clean = clean;
    }

    public static TableCleaning Pin { get; } = new(
        PipelineNames.Pin,
        "pin",
        ["index", "unique_id", "title", "description", "poster_name", "follower_count", "tag_list", "is_image_or_video", "image_src", "downloaded", "save_location", "category"],
        PinCleaning.Clean);

    public static TableCleaning Geo { get; } = new(PipelineNames.Geo, "geo", ["ind", "timestamp", "latitude", "longitude", "country"], GeoCleaning.Clean);

    public static TableCleaning User { get; } = new(PipelineNames.User, "user", ["ind", "first_name", "last_name", "age", "date_joined"], UserCleaning.Clean);

    public static IReadOnlyList<TableCleaning> All { get; } = [Pin, Geo, User];

    /// <summary><c>pin</c>, <c>geo</c> or <c>user</c>: the topic is <c>&lt;prefix&gt;.&lt;suffix&gt;</c>.</summary>
    public string TopicSuffix { get; }

    /// <summary>The cleaned table in the warehouse.</summary>
    public string WarehouseTable { get; }

    public IReadOnlyList<string> Columns { get; }

    public string Topic(string prefix) => PipelineNames.Topic(prefix, TopicSuffix);

    /// <summary>The stream of the course's streaming milestone, <c>streaming-&lt;prefix&gt;-&lt;suffix&gt;</c>.</summary>
    public string Stream(string prefix) => PipelineNames.Stream(prefix, TopicSuffix);

    /// <summary>The record cleaned by this table's rules: a <see cref="PinRow"/>, <see cref="GeoRow"/> or <see cref="UserRow"/>.</summary>
    /// <param name="record">The values in <see cref="Columns"/> order.</param>
    public object Clean(IReadOnlyList<SourceValue> record) => clean(record);

    public override string ToString() => TopicSuffix;
}
