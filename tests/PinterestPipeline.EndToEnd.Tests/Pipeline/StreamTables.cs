using System.Net.Http.Json;
using System.Text.Json;
using MySqlConnector;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Analytics;

namespace PinterestPipeline.EndToEnd.Tests.Pipeline;

/// <summary>
/// The stream job's tables hold one row per record of each stream, in the stream's order, each the seeded row at the
/// offset its event was emitted at (found through the record's trace), cleaned as the course says: an independent
/// computation by <see cref="ExpectedTables"/> over the rows read from MariaDB, compared with the paging API's rows.
/// </summary>
internal static class StreamTables
{
    private const int PageSize = 1000;

    /// <param name="analytics">A client of the analytics service.</param>
    /// <param name="source">The seeded database.</param>
    /// <param name="prefix">The topic prefix: the tables are <c>&lt;prefix&gt;_pin_table</c>, ...</param>
    /// <param name="streams">Each stream's records (pin, geo, user), in offset order.</param>
    /// <param name="offsetOfTrace">The offset each emitted event's trace was emitted at.</param>
    /// <param name="cancellationToken">Ends the waits.</param>
    public static async Task AssertMatchSeededRowsAsync(
        HttpClient analytics, MySqlConnection source, string prefix, IReadOnlyDictionary<string, List<PipelineRecord>> streams,
        IReadOnlyDictionary<string, long> offsetOfTrace, CancellationToken cancellationToken)
    {
        var names = streams.Keys.Select(suffix => $"{prefix}_{suffix}_table").ToList();
        // The job goes on as records arrive: wait (bounded by the test's limit) until each table has every record of its
        // stream, with nothing left behind.
        var tables = await Eventually.ReachedAsync(
            async () => (await analytics.GetFromJsonAsync<JsonElement>("/api/streams", cancellationToken))
                .GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!),
            byName => streams.All(s => byName[$"{prefix}_{s.Key}_table"] is var t && t.GetProperty("rows").GetInt64() == s.Value.Count
                && t.GetProperty("lag") is { ValueKind: JsonValueKind.Number } lag && lag.GetInt64() == 0),
            Timeout.InfiniteTimeSpan,
            "every record in its table",
            TimeSpan.FromMilliseconds(200),
            cancellationToken);
        Assert.All(names, name => Assert.Equal(0, tables[name].GetProperty("rejected").GetInt64()));

        foreach (var (suffix, records) in streams)
        {
            var events = await SourceEvents.ReadAsync(source, records.Select(r => offsetOfTrace[r.TraceId]), cancellationToken);
            var expected = events.Select(e => suffix switch
            {
                "pin" => StreamRowText.Pin(ExpectedTables.Pin(e.Pin)),
                "geo" => StreamRowText.Geo(ExpectedTables.Geo(e.Geo)),
                _ => StreamRowText.User(ExpectedTables.User(e.User)),
            });
            Assert.Equal(expected, await RowsAsync(analytics, $"{prefix}_{suffix}_table", cancellationToken));
        }
    }

    private static async Task<List<string>> RowsAsync(HttpClient analytics, string table, CancellationToken cancellationToken)
    {
        var rows = new List<string>();
        while (true)
        {
            var page = await analytics.GetFromJsonAsync<JsonElement>($"/api/streams/{table}/rows?offset={rows.Count}&limit={PageSize}", cancellationToken);
            var items = page.GetProperty("rows").EnumerateArray().Select(StreamRowText.Of).ToList();
            rows.AddRange(items);
            if (items.Count < PageSize)
            {
                return rows;
            }
        }
    }
}
