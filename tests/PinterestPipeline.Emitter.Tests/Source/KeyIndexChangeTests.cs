using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using PinterestPipeline.Emitter.Source;
using PinterestPipeline.Emitter.Tests.Infrastructure;
using PinterestPipeline.ServiceDefaults.Pipeline;
using PinterestPipeline.TestSupport.MySql;

namespace PinterestPipeline.Emitter.Tests.Source;

/// <summary>
/// The default lookup (<c>KeyIndex</c>) against a real MariaDB whose tables change under it: once the check interval
/// has passed, every row read is the row that the seed's <c>SELECT * FROM t LIMIT n, 1</c> returns on the table as it
/// is now, and the row the per-event <c>Offset</c> query returns, byte for byte.
/// </summary>
[Collection(EmitterRuns.Name)]
public sealed class KeyIndexChangeTests(MySqlFixture mysql)
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Inserted_deleted_and_updated_rows_are_seen_after_the_check_interval()
    {
        var (connectionString, keyIndex, offsetReader) = await ReadersAsync(Enumerable.Range(0, 20).Select(k => k * 2), CheckInterval);
        await AssertAllPositionsAsync(connectionString, keyIndex, offsetReader);

        string[] changes =
        [
            // into a gap: every later position moves up one
            "INSERT INTO {t} SELECT 5, {rest} FROM {t} WHERE {k} = 4",
            // an inner row deleted: every later position moves down one
            "DELETE FROM {t} WHERE {k} = 10",
            // a key updated: the row moves to the end
            "UPDATE {t} SET {k} = 41 WHERE {k} = 20",
            // below the smallest key
            "INSERT INTO {t} SELECT -3, {rest} FROM {t} WHERE {k} = 0",
            // appended past the end: new positions, old ones unmoved
            "INSERT INTO {t} SELECT 100, {rest} FROM {t} WHERE {k} = 2",
            // 41 → 42 and 100 → 99: the same count and the same sum of keys, still seen (the CRC32s differ)
            "UPDATE {t} SET {k} = 42 WHERE {k} = 41; UPDATE {t} SET {k} = 99 WHERE {k} = 100",
        ];
        foreach (var change in changes)
        {
            foreach (var table in SourceTable.All)
            {
                await SourceDatabase.ExecuteAsync(connectionString, Sql(change, table));
            }

            await Task.Delay(CheckInterval + TimeSpan.FromMilliseconds(50));
            await AssertAllPositionsAsync(connectionString, keyIndex, offsetReader);
        }

        // Other columns updated: read as they are, without any reload (key 5 is at position 4: -3, 0, 2, 4, 5).
        await SourceDatabase.ExecuteAsync(connectionString, "UPDATE pinterest_data SET title = 'changed' WHERE `index` = 5; UPDATE user_data SET age = 99");
        await AssertAllPositionsAsync(connectionString, keyIndex, offsetReader);
        Assert.Contains("\"title\":\"changed\"", Text((await keyIndex.ReadAsync(4, CancellationToken.None)).Rows[0]), StringComparison.Ordinal);

        // One table alone changed: the three tables' positions no longer line up, and each is still its own LIMIT n, 1.
        await SourceDatabase.ExecuteAsync(connectionString, "DELETE FROM geolocation_data WHERE ind = 6");
        await Task.Delay(CheckInterval + TimeSpan.FromMilliseconds(50));
        await AssertAllPositionsAsync(connectionString, keyIndex, offsetReader);
    }

    [Fact]
    public async Task With_a_check_interval_of_zero_every_read_follows_the_table_at_once()
    {
        var (connectionString, keyIndex, offsetReader) = await ReadersAsync(Enumerable.Range(0, 10).Select(k => k * 3), TimeSpan.Zero);
        await AssertAllPositionsAsync(connectionString, keyIndex, offsetReader);

        await SourceDatabase.ExecuteAsync(connectionString, string.Join(";", SourceTable.All.Select(t => Sql("INSERT INTO {t} SELECT 1, {rest} FROM {t} WHERE {k} = 0; DELETE FROM {t} WHERE {k} = 12", t))));
        await AssertAllPositionsAsync(connectionString, keyIndex, offsetReader);
    }

    [Fact]
    public async Task Readers_running_while_the_tables_change_read_the_tables_as_they_are_once_the_changes_stop()
    {
        // The shipped check interval (1 s), readers at concurrency 8, inserts and deletes in all three tables meanwhile.
        var (connectionString, keyIndex, offsetReader) = await ReadersAsync(Enumerable.Range(0, 200).Select(k => k * 2), checkInterval: null);
        using var stop = new CancellationTokenSource();
        var reads = 0L;
        var readers = Enumerable.Range(0, 8).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            while (!stop.IsCancellationRequested)
            {
                await keyIndex.ReadAsync(random.Next(0, 220), CancellationToken.None);
                Interlocked.Increment(ref reads);
            }
        })).ToArray();

        var mutator = new Random(42);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        for (var i = 0; DateTime.UtcNow < deadline; i++)
        {
            var key = mutator.Next(0, 400);
            var change = i % 2 == 0
                ? $"INSERT IGNORE INTO {{t}} SELECT {key | 1}, {{rest}} FROM {{t}} ORDER BY {{k}} LIMIT 1"
                : $"DELETE FROM {{t}} WHERE {{k}} = {key & ~1}";
            foreach (var table in SourceTable.All)
            {
                await SourceDatabase.ExecuteAsync(connectionString, Sql(change, table));
            }

            await Task.Delay(20);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.3));
        try
        {
            await AssertAllPositionsAsync(connectionString, keyIndex, offsetReader);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers);
        }

        Assert.True(Interlocked.Read(ref reads) > 100, $"only {reads} reads ran while the tables changed");
    }

    private async Task<(string ConnectionString, SourceRowReader KeyIndex, SourceRowReader Offset)> ReadersAsync(IEnumerable<int> keys, TimeSpan? checkInterval)
    {
        var connectionString = await mysql.Server.CreateDatabaseAsync("keyindex");
        await SourceDatabase.CreateAsync(connectionString, keys);
        SourceRowReader Reader(RowLookup? lookup)
        {
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:pinterest"] = connectionString,
                ["Emitter:ApiBaseUrl"] = "http://127.0.0.1:9",
                ["Emitter:TopicPrefix"] = "keyindex",
            };
            if (lookup is { } l)
            {
                settings["Emitter:RowLookup"] = l.ToString();
            }

            if (checkInterval is { } interval)
            {
                settings["Emitter:KeyIndexCheckInterval"] = interval.ToString("c", CultureInfo.InvariantCulture);
            }

            return EmitterTestHost.Create(settings).Host.Services.GetRequiredService<SourceRowReader>();
        }

        // No RowLookup given: the default, which is the key index.
        return (connectionString, Reader(null), Reader(RowLookup.Offset));
    }

    /// <summary>Every position up to a few past the largest table's end: the key index's rows equal the Offset query's and LIMIT n, 1's.</summary>
    private static async Task AssertAllPositionsAsync(string connectionString, SourceRowReader keyIndex, SourceRowReader offsetReader)
    {
        var limitKeys = await LimitKeysAsync(connectionString);
        var positions = limitKeys.Max(k => k.Count) + 3;
        for (var offset = 0; offset < positions; offset++)
        {
            var fast = await keyIndex.ReadAsync(offset, CancellationToken.None);
            var exact = await offsetReader.ReadAsync(offset, CancellationToken.None);
            Assert.Equal(exact.MissingIn, fast.MissingIn);
            Assert.Equal(exact.Rows.Select(r => (r.Table, Text(r))), fast.Rows.Select(r => (r.Table, Text(r))));
            for (var t = 0; t < SourceTable.All.Count; t++)
            {
                var table = SourceTable.All[t];
                var row = fast.Rows.SingleOrDefault(r => r.Table == table);
                var expectedKey = offset < limitKeys[t].Count ? limitKeys[t][offset] : (long?)null;
                Assert.Equal(expectedKey, row is null ? null : KeyOf(row));
            }
        }
    }

    /// <summary>For each table, the key of <c>SELECT * FROM t LIMIT n, 1</c> for every n, as the seed's query finds them.</summary>
    private static async Task<List<long>[]> LimitKeysAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        var result = new List<long>[SourceTable.All.Count];
        for (var t = 0; t < result.Length; t++)
        {
            var table = SourceTable.All[t];
            result[t] = [];
            for (var n = 0; ; n++)
            {
                await using var command = new MySqlCommand($"SELECT * FROM `{table.Name}` LIMIT {n}, 1", connection);
                await using var reader = await command.ExecuteReaderAsync();
                if (!await reader.ReadAsync())
                {
                    break;
                }

                result[t].Add(Convert.ToInt64(reader.GetValue(reader.GetOrdinal(table.KeyColumn)), CultureInfo.InvariantCulture));
            }
        }

        return result;
    }

    private static string Sql(string template, SourceTable table)
    {
        var columns = table == SourceTable.Pin
            ? "unique_id, title, description, poster_name, follower_count, tag_list, is_image_or_video, image_src, downloaded, save_location, category"
            : table == SourceTable.Geo ? "`timestamp`, latitude, longitude, country" : "first_name, last_name, age, date_joined";
        return template.Replace("{t}", $"`{table.Name}`", StringComparison.Ordinal)
            .Replace("{k}", $"`{table.KeyColumn}`", StringComparison.Ordinal)
            .Replace("{rest}", columns, StringComparison.Ordinal);
    }

    private static long KeyOf(SourceRow row)
    {
        using var json = System.Text.Json.JsonDocument.Parse(row.Json);
        return json.RootElement.GetProperty(row.Table.KeyColumn).GetInt64();
    }

    private static string Text(SourceRow row) => Encoding.UTF8.GetString(row.Json.Span);
}
