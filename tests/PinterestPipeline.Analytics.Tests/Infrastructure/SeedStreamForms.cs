using System.Text;
using System.Text.Json.Nodes;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.Analytics.Tests.Infrastructure;

/// <summary>
/// The data the seed's <c>user_posting_emulation_stream.py</c> puts into each stream, made by CPython itself: the script
/// sends <c>"Data": json.dumps(row)</c> (datetimes as <c>isoformat()</c>) inside <c>requests.put(json=payload)</c>, and
/// API Gateway stores the JSON text of <c>Data</c>, so the stored bytes are <c>json.dumps(json.dumps(row))</c>: a JSON
/// string literal, ASCII only, with every quote and non-ASCII character escaped.
/// </summary>
internal static class SeedStreamForms
{
    private const string Script = """
        import json, sys
        from datetime import datetime

        def iso(value):
            return None if value is None else datetime.strptime(value, "%Y-%m-%d %H:%M:%S").isoformat()

        for line in sys.stdin.buffer.read().decode("utf-8").splitlines():
            event = json.loads(line)
            if "geo" in event:
                event["geo"]["timestamp"] = iso(event["geo"]["timestamp"])
                event["user"]["date_joined"] = iso(event["user"]["date_joined"])
            for name in ("pin", "geo", "user", "row"):
                if name in event:
                    print(json.dumps(json.dumps(event[name])))
        """;

    /// <summary>Each event's three records (pin, geo, user) in the seed's string form.</summary>
    public static async Task<List<(byte[] Pin, byte[] Geo, byte[] User)>> OfAsync(IReadOnlyList<SourceEvent> events)
    {
        var input = string.Concat(events.Select(e => $"{{\"pin\":{e.PinJson},\"geo\":{e.GeoJson},\"user\":{e.UserJson}}}\n"));
        var lines = Lines(await Python3.RunAsync(Script, input));
        Assert.Equal(3 * events.Count, lines.Count);
        return [.. Enumerable.Range(0, events.Count).Select(i => (lines[3 * i], lines[(3 * i) + 1], lines[(3 * i) + 2]))];
    }

    /// <summary>One row object (given as JSON, keys in order) in the seed's string form.</summary>
    public static async Task<byte[]> OfRowAsync(JsonObject row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Lines(await Python3.RunAsync(Script, new JsonObject { ["row"] = row.DeepClone() }.ToJsonString() + "\n")).Single();
    }

    private static List<byte[]> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => Encoding.UTF8.GetBytes(line))];
}
