namespace PinterestPipeline.Analytics.Cleaning;

/// <summary>
/// Rule 1 of the pin cleaning: empty text and the scraper's placeholders mean "no data", so they become null. The seed
/// notebook's list (<c>""</c>, <c>"User Info Error"</c>) plus the placeholders the course's task names.
/// </summary>
public static class Placeholders
{
    public static IReadOnlySet<string> Values { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "",
        "User Info Error",
        "No description available",
        "No description available Story format",
        "Untitled",
        "Image src error.",
        "No Title Data Available",
        "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e",
    };

    /// <summary>Null for <c>""</c> and every placeholder; any other text unchanged.</summary>
    public static string? ToNull(string? text) => text is null || Values.Contains(text) ? null : text;
}
