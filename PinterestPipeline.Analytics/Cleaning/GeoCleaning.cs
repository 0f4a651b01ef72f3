namespace PinterestPipeline.Analytics.Cleaning;

/// <summary>The seed's <c>df_geo</c> cleaning, one record at a time.</summary>
public static class GeoCleaning
{
    /// <param name="record">The values in <see cref="TableCleaning.Geo"/> column order.</param>
    public static GeoRow Clean(IReadOnlyList<SourceValue> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new GeoRow(
            Ind: SparkCast.ToLong(record[0]),
            Country: SparkCast.ToText(record[4]),
            Coordinates: Coordinates.Of(SparkCast.ToDouble(record[2]), SparkCast.ToDouble(record[3])),
            Timestamp: SparkCast.ToTimestamp(record[1]));
    }
}
