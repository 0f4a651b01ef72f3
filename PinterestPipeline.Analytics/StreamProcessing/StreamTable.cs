using PinterestPipeline.Analytics.Cleaning;
using PinterestPipeline.Analytics.Warehouse;

namespace PinterestPipeline.Analytics.StreamProcessing;

/// <summary>
/// One stream and the table the job cleans it into: <c>streaming-&lt;prefix&gt;-pin</c> → <c>&lt;prefix&gt;_pin_table</c>.
/// The table has the cleaned columns of the batch table (the seed's names, order and types) and then four columns of the
/// job's own, which the API leaves out: <c>_row</c> (the row's place in commit order, 0, 1, 2, ... with no gaps),
/// <c>_shard_id</c> and <c>_sequence_number</c> (the record it came from, as Kinesis names it) and <c>_arrival_time</c>
/// (when the record reached the stream, UTC).
/// </summary>
public sealed class StreamTable
{
    /// <summary>The job's columns after the seed's, in order.</summary>
    public static readonly IReadOnlyList<string> MetadataColumns = ["_row", "_shard_id", "_sequence_number", "_arrival_time"];

    private StreamTable(TableCleaning source, string prefix, string columnDefinitions)
    {
        Source = source;
        Stream = source.Stream(prefix);
        Name = $"{prefix}_{source.TopicSuffix}_table";
        ColumnDefinitions = columnDefinitions;
    }

    public TableCleaning Source { get; }

    /// <summary>The Kinesis stream, which is the Kafka topic of the same name.</summary>
    public string Stream { get; }

    /// <summary>The warehouse table (the seed's Delta table name).</summary>
    public string Name { get; }

    /// <summary>The seed's cleaned columns with their types, as in the batch tables.</summary>
    public string ColumnDefinitions { get; }

    /// <summary>The three tables of a prefix: pin, geo, user.</summary>
    public static IReadOnlyList<StreamTable> For(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        return
        [
            new(TableCleaning.Pin, prefix, WarehouseSchema.PinColumns),
            new(TableCleaning.Geo, prefix, WarehouseSchema.GeoColumns),
            new(TableCleaning.User, prefix, WarehouseSchema.UserColumns),
        ];
    }

    /// <summary>Creates the table if it is missing.</summary>
    public string CreateSql =>
        $"""CREATE TABLE IF NOT EXISTS "{Name}" ({ColumnDefinitions}, _row BIGINT NOT NULL, _shard_id VARCHAR NOT NULL, _sequence_number VARCHAR NOT NULL, _arrival_time TIMESTAMP NOT NULL)""";

    public override string ToString() => Name;
}
