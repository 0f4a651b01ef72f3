namespace PinterestPipeline.Analytics.Cleaning;

/// <summary>Rule 4 of the pin cleaning: keep only the path of <c>save_location</c>.</summary>
public static class SaveLocations
{
    public const string Prefix = "Local save in ";

    /// <summary><c>"Local save in /data/art"</c> → <c>"/data/art"</c> (the notebook's <c>regexp_replace</c>, which removes every occurrence).</summary>
    public static string? StripPrefix(string? text) => text?.Replace(Prefix, string.Empty, StringComparison.Ordinal);
}
