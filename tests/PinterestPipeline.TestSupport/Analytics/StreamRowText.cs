using System.Globalization;
using System.Text.Json;

namespace PinterestPipeline.TestSupport.Analytics;

/// <summary>
/// Stream table rows as canonical text, to compare what <c>GET /api/streams/{table}/rows</c> returns with what a test
/// expects: values joined by '|', null as "null", timestamps as <c>yyyy-MM-dd HH:mm:ss</c>, coordinates as <c>[lat,lon]</c>.
/// </summary>
public static class StreamRowText
{
    public static string Of(JsonElement row) => string.Join('|', row.EnumerateObject().Select(p => Value(p.Value)));

    public static string Pin(ExpectedPin p) => ExpectedAnswers.Row(
        p.Ind, p.UniqueId, p.Title, p.Description, p.FollowerCount, p.PosterName, p.TagList, p.IsImageOrVideo, p.ImageSrc, p.SaveLocation, p.Category, p.Downloaded);

    public static string Geo(ExpectedGeo g) => ExpectedAnswers.Row(
        g.Ind, g.Country, $"[{ExpectedAnswers.Row(g.Latitude)},{ExpectedAnswers.Row(g.Longitude)}]", Time(g.Timestamp));

    public static string User(ExpectedUser u) => ExpectedAnswers.Row(u.Ind, u.UserName, u.Age, Time(u.DateJoined));

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => $"[{string.Join(',', value.EnumerateArray().Select(Value))}]",
        _ => value.GetRawText(),
    };
}
