namespace PinterestPipeline.TestSupport.Analytics;

public sealed record ExpectedPin(
    int Ind, string? UniqueId, string? Title, string? Description, int? FollowerCount, string? PosterName, string? TagList,
    string? IsImageOrVideo, string? ImageSrc, string? SaveLocation, string? Category, int Downloaded);

public sealed record ExpectedGeo(long Ind, string? Country, double Latitude, double Longitude, DateTime Timestamp);

public sealed record ExpectedUser(long Ind, string? UserName, long Age, DateTime DateJoined);

/// <summary>
/// The cleaned tables as the course describes them, computed here from the emitted rows without the service's code:
/// placeholders to null, follower counts from their k/M form, the save location's path, the user's full name, and
/// each distinct record once.
/// </summary>
public sealed class ExpectedTables
{
    // REFERENCE §1's placeholders and the empty string: "no data".
    private static readonly string[] NoData =
    [
        "", "User Info Error", "No Title Data Available", "No description available Story format", "No description available",
        "Untitled", "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e", "Image src error.",
    ];

    public ExpectedTables(IEnumerable<EmittedEvent> events)
    {
        var list = events.ToList();
        Pins = [.. list.Select(e => Pin(e.Pin)).Distinct()];
        Geos = [.. list.Select(e => Geo(e.Geo)).Distinct()];
        Users = [.. list.Select(e => User(e.User)).Distinct()];
    }

    public IReadOnlyList<ExpectedPin> Pins { get; }

    public IReadOnlyList<ExpectedGeo> Geos { get; }

    public IReadOnlyList<ExpectedUser> Users { get; }

    public static ExpectedPin Pin(PinSource row) => new(
        row.Index, Clean(row.UniqueId), Clean(row.Title), Clean(row.Description), Followers(row.FollowerCount), Clean(row.PosterName),
        Clean(row.TagList), Clean(row.IsImageOrVideo), Clean(row.ImageSrc), Location(row.SaveLocation), Clean(row.Category), row.Downloaded);

    public static ExpectedGeo Geo(GeoSource row) => new(row.Ind, row.Country, row.Latitude, row.Longitude, TruncateToSeconds(row.Timestamp));

    public static ExpectedUser User(UserSource row) => new(
        row.Ind, row.FirstName is null || row.LastName is null ? null : row.FirstName + " " + row.LastName, row.Age, TruncateToSeconds(row.DateJoined));

    private static string? Clean(string? value) => value is null || NoData.Contains(value) ? null : value;

    private static int? Followers(string? value)
    {
        var text = Clean(value);
        if (text is null)
        {
            return null;
        }

        var (digits, multiplier) = text[^1] switch
        {
            'k' => (text[..^1], 1_000L),
            'M' => (text[..^1], 1_000_000L),
            _ => (text, 1L),
        };
        return long.TryParse(digits, out var number) && number * multiplier <= int.MaxValue ? (int)(number * multiplier) : null;
    }

    private static string? Location(string? value)
    {
        var text = Clean(value);
        const string prefix = "Local save in ";
        return text is not null && text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;
    }

    // The emitter sends whole seconds.
    private static DateTime TruncateToSeconds(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified);
}
