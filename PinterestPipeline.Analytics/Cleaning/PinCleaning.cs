namespace PinterestPipeline.Analytics.Cleaning;

/// <summary>The seed's <c>df_pin</c> cleaning, one record at a time, in the seed's order of rules.</summary>
public static class PinCleaning
{
    /// <param name="record">The values in <see cref="TableCleaning.Pin"/> column order.</param>
    public static PinRow Clean(IReadOnlyList<SourceValue> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // Rule 1: "" and placeholders to null, in every text column.
        string? Text(int column) => Placeholders.ToNull(SparkCast.ToText(record[column]));

        return new PinRow(
            Ind: SparkCast.ToInt(record[0]),                       // rule 3 (cast) and rule 5 (index → ind)
            UniqueId: Text(1),
            Title: Text(2),
            Description: Text(3),
            FollowerCount: FollowerCounts.ToInt(Text(5)),          // rule 2
            PosterName: Text(4),
            TagList: Text(6),
            IsImageOrVideo: Text(7),
            ImageSrc: Text(8),
            SaveLocation: SaveLocations.StripPrefix(Text(10)),     // rule 4
            Category: Text(11),
            Downloaded: SparkCast.ToInt(record[9]));               // rule 3; rule 6 is this column order
    }
}
