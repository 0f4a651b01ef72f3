using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MySqlConnector;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Analytics;

namespace PinterestPipeline.EndToEnd.Tests.Pipeline;

/// <summary>
/// A batch run started through analytics' HTTP endpoint answers the nine questions as an independent computation over
/// the seeded rows at the emitted offsets (read from MariaDB the way the emitter reads them, then cleaned and queried
/// with LINQ by <see cref="ExpectedAnswers"/>).
/// </summary>
internal static class BatchAnswers
{
    private static readonly string[] QueryIds = ["1", "2", "3a", "3b", "4", "5", "6", "7", "8"];

    public static async Task AssertMatchSeededRowsAsync(HttpClient analytics, MySqlConnection source, IReadOnlyList<long> offsets, CancellationToken cancellationToken)
    {
        var events = await SourceEvents.ReadAsync(source, offsets, cancellationToken);
        var run = await RunAsync(analytics, cancellationToken);
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        var tables = new ExpectedTables(events);
        var rows = run.GetProperty("rows");
        Assert.Equal(
            (tables.Pins.Count, tables.Geos.Count, tables.Users.Count),
            (rows.GetProperty("pin").GetInt32(), rows.GetProperty("geo").GetInt32(), rows.GetProperty("user").GetInt32()));

        var expected = ExpectedAnswers.Of(tables);
        var id = run.GetProperty("id").GetInt64();
        foreach (var query in QueryIds)
        {
            var answer = await analytics.GetFromJsonAsync<JsonElement>($"/api/batch/runs/{id}/queries/{query}", cancellationToken);
            var actual = answer.EnumerateArray().Select(row => string.Join('|', row.EnumerateObject().Select(p => p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Null => "null",
                _ => p.Value.GetRawText(),
            })));
            Assert.Equal($"{query}: {string.Join("; ", expected[query])}", $"{query}: {string.Join("; ", actual)}");
        }
    }

    /// <summary>Starts a run (waiting out the start-up run if it is still going) and waits until it has ended.</summary>
    private static async Task<JsonElement> RunAsync(HttpClient analytics, CancellationToken cancellationToken)
    {
        var id = await Eventually.ReachedAsync(
            async () =>
            {
                using var response = await analytics.PostAsync("/api/batch/runs", null, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    return (long?)(await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetInt64();
                }

                Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
                return null;
            },
            started => started is not null,
            Timeout.InfiniteTimeSpan,
            "a batch run accepted",
            TimeSpan.FromMilliseconds(200),
            cancellationToken);

        return await Eventually.ReachedAsync(
            () => analytics.GetFromJsonAsync<JsonElement>($"/api/batch/runs/{id}", cancellationToken),
            run => run.GetProperty("status").GetString() != "Running",
            Timeout.InfiniteTimeSpan,
            $"batch run {id} ended",
            TimeSpan.FromMilliseconds(100),
            cancellationToken);
    }
}
