using System.Globalization;
using MySqlConnector;
using PinterestPipeline.TestSupport.Analytics;

namespace PinterestPipeline.EndToEnd.Tests.Pipeline;

/// <summary>The seeded rows at the emitted offsets, read from MariaDB the way the emitter reads them.</summary>
internal static class SourceEvents
{
    public static async Task<List<EmittedEvent>> ReadAsync(MySqlConnection source, IEnumerable<long> offsets, CancellationToken cancellationToken)
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

        return events;
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

    // A FLOAT travels as its shortest text (the emitters' JSON), which analytics reads as a DOUBLE.
    private static double Shortest(float value) => double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
