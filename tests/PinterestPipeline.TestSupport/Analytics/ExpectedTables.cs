using System.Globalization;

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

        // The notebook's rule as written: every k becomes 000 and every M 000000 (so "1.5k" is "1.5000"), then Spark's
        // cast to INT, which trims, takes a decimal and truncates its fraction toward zero ("1.5000" is 1).
        var replaced = text.Replace("k", "000", StringComparison.Ordinal).Replace("M", "000000", StringComparison.Ordinal).Trim();
        return decimal.TryParse(replaced, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            && decimal.Truncate(number) is var whole && whole is >= int.MinValue and <= int.MaxValue
            ? (int)whole
            : null;
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
