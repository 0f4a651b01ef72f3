using System.Globalization;
using System.Text;
using MySqlConnector;
using PinterestPipeline.Emitter.Tests.Infrastructure;
using PinterestPipeline.Seeder;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.MySql;

namespace PinterestPipeline.Emitter.Tests.Streams;

/// <summary>
/// The bytes of every PUT, compared with what the seed's <c>user_posting_emulation_stream.py</c> sends for the same rows:
/// CPython builds the payload as that script does (<c>json.dumps</c> of the row, datetimes through <c>isoformat()</c>)
/// and serializes it as <c>requests.put(json=payload)</c> does, from values this test reads itself.
/// </summary>
[Collection(EmitterRuns.Name)]
public sealed class StreamBodyFidelityTests(MySqlFixture mysql)
{
    private const int Count = 25;

    [Fact]
    public async Task Every_PUT_body_is_byte_for_byte_the_seeds_for_the_same_seeded_row_with_Data_as_a_string_and_as_an_object()
    {
        var connectionString = await mysql.Server.CreateDatabaseAsync("fidelity");
        var seederErr = new StringWriter();
        var seeded = await SeederCli.RunAsync(["--connection", connectionString], new StringWriter(), seederErr);
        Assert.True(seeded == 0, $"The seeder failed ({seeded}): {seederErr}");
        var prefix = UniqueName.For("fidelity");
        var offsets = PlannedOffsets.For(100, 11000, Count);

        var rows = new List<(string Stream, string PartitionKey, string Row)>();
        await using (var connection = new MySqlConnection(connectionString))
        {
            await connection.OpenAsync();
            foreach (var offset in offsets)
            {
                foreach (var (suffix, table, key, partitionKey) in StreamTables.All)
                {
                    rows.Add(($"streaming-{prefix}-{suffix}", partitionKey, await PythonRowAsync(connection, table, key, offset)));
                }
            }
        }

        foreach (var data in new[] { "String", "Object" })
        {
            await using var stub = await ProxyStub.StartAsync();
            var emitter = EmitterTestHost.Create(EmitterSettings.For(connectionString, stub.BaseUrl, prefix, 11000, Count,
                ("Emitter:Target", "Streams"), ("Emitter:StreamData", data)));

            await emitter.RunToCompletionAsync();

            // Concurrency 1: the events in offset order, each one pin, geo, user.
            var sent = stub.Requests.OrderBy(r => r.Number).ToList();
            Assert.Equal(rows.Select(r => r.Stream), sent.Select(r => r.Topic));
            var dataExpression = data == "String" ? "json.dumps(row)" : "row";
            var expected = await Python3.RunAsync($$"""
                import datetime, json, sys
                for stream, key, row in [{{string.Join(",\n", rows.Select(r => $"('{r.Stream}', '{r.PartitionKey}', {r.Row})"))}}]:
                    payload = {"StreamName": stream, "Data": {{dataExpression}}, "PartitionKey": key}
                    sys.stdout.write(json.dumps(payload, allow_nan=False) + "\n")
                """);
            Assert.Equal(expected.Split('\n', StringSplitOptions.RemoveEmptyEntries), sent.Select(r => r.Body));
            Assert.All(sent, r => Assert.Equal("application/json", r.ContentType));
        }
    }

    /// <summary>
    /// The row at <paramref name="offset"/> as the Python dict the seed's script dumps, written as a Python expression:
    /// text as its UTF-8 bytes, a FLOAT as the server's text for it read by <c>float()</c> (pymysql's conversion), a
    /// DATETIME through <c>isoformat()</c>, NULL as None.
    /// </summary>
    private static async Task<string> PythonRowAsync(MySqlConnection connection, string table, string key, long offset)
    {
        var position = $"FROM `{table}` ORDER BY `{key}` LIMIT 1 OFFSET {offset.ToString(CultureInfo.InvariantCulture)}";
        var columns = new List<(string Name, string? Literal)>();
        await using (var command = new MySqlCommand($"SELECT * {position}", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync(), $"{table} has no row at offset {offset}.");
            for (var i = 0; i < reader.FieldCount; i++)
            {
                columns.Add((reader.GetName(i), reader.IsDBNull(i) ? "None" : reader.GetValue(i) switch
                {
                    int or long or short => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture),
                    string text => $"bytes.fromhex('{Convert.ToHexString(Encoding.UTF8.GetBytes(text))}').decode('utf-8')",
                    DateTime t => string.Create(CultureInfo.InvariantCulture,
                        $"datetime.datetime({t.Year}, {t.Month}, {t.Day}, {t.Hour}, {t.Minute}, {t.Second}, {t.Ticks % TimeSpan.TicksPerSecond / 10}).isoformat()"),
                    float or double => null,
                    var other => throw new InvalidOperationException($"{table}.{reader.GetName(i)} has a type this test does not expect: {other.GetType()}."),
                }));
            }
        }

        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Literal is null)
            {
                await using var command = new MySqlCommand($"SELECT CAST(`{columns[i].Name}` AS CHAR) {position}", connection);
                columns[i] = (columns[i].Name, $"float('{await command.ExecuteScalarAsync()}')");
            }
        }

        return "{" + string.Join(", ", columns.Select(c => $"'{c.Name}': {c.Literal}")) + "}";
    }
}
