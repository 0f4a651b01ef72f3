namespace PinterestPipeline.Analytics.Cleaning;

/// <summary>Rule 2 of the pin cleaning: Pinterest's display form of a follower count as a number.</summary>
public static class FollowerCounts
{
    /// <summary>
    /// Every <c>k</c> becomes <c>000</c> and every <c>M</c> <c>000000</c> (the notebook's <c>regexp_replace</c>), then
    /// the text is cast to INT: <c>"26k"</c> → 26000, <c>"1M"</c> → 1000000, <c>"437"</c> → 437; what does not read
    /// as a number (or overflows INT) is null.
    /// </summary>
    public static int? ToInt(string? text) =>
        text is null ? null : SparkCast.ToInt(SourceValue.FromString(text.Replace("k", "000", StringComparison.Ordinal).Replace("M", "000000", StringComparison.Ordinal)));
}
