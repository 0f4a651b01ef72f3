using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MySqlConnector;
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
        var events = new List<EmittedEvent>();
        foreach (var offset in offsets)
        {
            events.Add(new EmittedEvent(
                await ReadAsync(source, "pinterest_data", "index", offset, r => new PinSource(
                    r.GetInt32(0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8), r.GetInt32(9), Text(r, 10), Text(r, 11)), cancellationToken),
                await ReadAsync(source, "geolocation_data", "ind", offset, r => new GeoSource(
                    r.GetInt64(0), r.GetDateTime(1), Shortest(r.GetFloat(2)), Shortest(r.GetFloat(3)), Text(r, 4)), cancellationToken),
                await ReadAsync(source, "user_data", "ind", offset, r => new UserSource(
                    r.GetInt64(0), Text(r, 1), Text(r, 2), r.GetInt64(3), r.GetDateTime(4)), cancellationToken)));
        }

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
        long id;
        while (true)
        {
            using var response = await analytics.PostAsync("/api/batch/runs", null, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                id = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetInt64();
                break;
            }

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            await Task.Delay(200, cancellationToken);
        }

        while (true)
        {
            var run = await analytics.GetFromJsonAsync<JsonElement>($"/api/batch/runs/{id}", cancellationToken);
            if (run.GetProperty("status").GetString() != "Running")
            {
                return run;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    // The emitter's own query: the row at an offset of the table (whose rows are in key order).
    private static async Task<T> ReadAsync<T>(MySqlConnection connection, string table, string key, long offset, Func<MySqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand($"SELECT * FROM `{table}` ORDER BY `{key}` LIMIT @offset, 1", connection);
        command.Parameters.AddWithValue("@offset", offset);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        Assert.True(await reader.ReadAsync(cancellationToken), $"{table} has no row at offset {offset}.");
        return read(reader);
    }

    private static string? Text(MySqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    // A FLOAT travels as its shortest text (the emitter's JSON), which the batch job reads as a DOUBLE.
    private static double Shortest(float value) => double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
