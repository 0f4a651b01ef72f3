using System.Text.Json;
using PinterestPipeline.Analytics.Tests.Infrastructure;
using PinterestPipeline.TestSupport.Analytics;

namespace PinterestPipeline.Analytics.Tests.Batch;

/// <summary>A run loads only what no earlier run loaded, every record once, and keeps bad records aside.</summary>
public sealed class IncrementalTests
{
    [Fact]
    public async Task A_second_run_reads_only_the_objects_written_since_the_first()
    {
        using var bucket = new TestBucket();
        var events = Enumerable.Range(0, 40).Select(i => SourceEvent.At(SeededRun.Seeded, i * 7)).ToList();
        events.Take(25).ToList().ForEach(bucket.WriteEvent);
        await using var app = new AnalyticsApp(bucket);

        var first = await app.RunAsync();
        events.Skip(25).ToList().ForEach(bucket.WriteEvent);
        var second = await app.RunAsync();
        var third = await app.RunAsync();

        Assert.Equal((75, 75, 25), Counts(first));
        Assert.Equal((45, 45, 15), Counts(second));
        Assert.Equal((0, 0, 0), Counts(third));
        Assert.Equal(ExpectedAnswers.Of(new ExpectedTables(events.Select(e => e.Emitted)))["1"], await app.AnswerAsync("1"));
    }

    [Fact]
    public async Task A_commit_holds_at_most_read_concurrency_objects_past_the_byte_bound()
    {
        using var bucket = new TestBucket();
        var events = Enumerable.Range(0, 40).Select(i => SourceEvent.At(SeededRun.Seeded, 500 + i)).ToList();
        events.ForEach(bucket.WriteEvent);
        var settings = AnalyticsApp.Settings(bucket);
        settings["Analytics:Batch:ReadConcurrency"] = "4";
        settings["Analytics:Batch:BytesPerCommit"] = "1";
        await using var app = new AnalyticsApp(bucket, settings);

        var run = await app.RunAsync();

        // Every object is larger than the bound, so each commit holds 1 to 4 of the 120 objects; each commit writes
        // one watermark row per partition it touched.
        Assert.Equal((120, 120, 40), Counts(run));
        await using var warehouse = await WarehouseFile.OpenAsync(bucket.WarehousePath);
        var watermarks = int.Parse((await WarehouseFile.QueryAsync(warehouse, "SELECT count(*) FROM batch_positions")).Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(watermarks, 120 / 4, 120);
        Assert.Equal(ExpectedAnswers.Of(new ExpectedTables(events.Select(e => e.Emitted)))["1"], await app.AnswerAsync("1"));
    }

    [Fact]
    public async Task Records_already_in_the_tables_are_not_added_again()
    {
        using var bucket = new TestBucket();
        var events = Enumerable.Range(0, 10).Select(i => SourceEvent.At(SeededRun.Seeded, i)).ToList();
        events.ForEach(bucket.WriteEvent);
        await using var app = new AnalyticsApp(bucket);
        await app.RunAsync();

        // The emitter draws the same offsets again: new objects, same records.
        events.ForEach(bucket.WriteEvent);
        var again = await app.RunAsync();

        Assert.Equal((30, 30, 0), Counts(again));
        Assert.Equal(10, again.GetProperty("rows").GetProperty("pin").GetInt32());
    }

    [Fact]
    public async Task Objects_of_many_records_in_several_partitions_with_offset_gaps_load_every_record()
    {
        using var bucket = new TestBucket();
        var events = Enumerable.Range(0, 24).Select(i => SourceEvent.At(SeededRun.Seeded, 100 + i)).ToList();
        // flush.size 5 in partition 0, with a gap (a dead-lettered record) after offset 9; flush.size 3 in partition 1.
        var partition0 = events.Take(15).ToList();
        var partition1 = events.Skip(15).ToList();
        foreach (var (suffix, json) in new (string, Func<SourceEvent, string>)[] { ("pin", e => e.PinJson), ("geo", e => e.GeoJson), ("user", e => e.UserJson) })
        {
            bucket.WriteAt(suffix, 0, 0, [.. partition0.Take(5).Select(json)]);
            bucket.WriteAt(suffix, 0, 5, [.. partition0.Skip(5).Take(5).Select(json)]);
            bucket.WriteAt(suffix, 0, 11, [.. partition0.Skip(10).Select(json)]);
            for (var i = 0; i < partition1.Count; i += 3)
            {
                bucket.WriteAt(suffix, 1, i, [.. partition1.Skip(i).Take(3).Select(json)]);
            }
        }

        await using var app = new AnalyticsApp(bucket);
        var run = await app.RunAsync();

        Assert.Equal((3 * (3 + 3), 72, 24), Counts(run));
        var expected = ExpectedAnswers.Of(new ExpectedTables(events.Select(e => e.Emitted)));
        Assert.Equal(expected["6"], await app.AnswerAsync("6"));
        Assert.Equal(expected["8"], await app.AnswerAsync("8"));
    }

    [Fact]
    public async Task Bad_records_are_counted_and_kept_aside_with_the_reason_and_the_run_succeeds()
    {
        using var bucket = new TestBucket();
        var good = SourceEvent.At(SeededRun.Seeded, 1);
        bucket.WriteEvent(good);
        var notJson = bucket.Write("pin", "{\"index\": 5, oops");
        var missing = bucket.Write("geo", """{"ind": 5, "timestamp": "2020-01-01 00:00:00", "latitude": 1.5, "country": "Chad"}""");
        var mixed = bucket.Write("user", good.UserJson, "[1, 2, 3]", "", good.UserJson);
        File.WriteAllText(Path.Combine(bucket.BucketPath, "topics", bucket.Topic("pin"), "partition=0", "notes.txt"), "not an object of the sink");

        await using var app = new AnalyticsApp(bucket);
        var run = await app.RunAsync();

        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Equal((6, 8, 1), Counts(run));
        Assert.Equal(3, run.GetProperty("rejectedRecords").GetInt32());
        await using var warehouse = await WarehouseFile.OpenAsync(bucket.WarehousePath);
        Assert.Equal(
            new[]
            {
                $"{missing}|1|missing column 'longitude'",
                $"{mixed}|2|not a JSON object (a array)",
                $"{notJson}|1|not valid JSON",
            }.Order(StringComparer.Ordinal),
            (await WarehouseFile.QueryAsync(warehouse, "SELECT object_key, line, CASE WHEN starts_with(reason, 'not valid JSON') THEN 'not valid JSON' ELSE reason END FROM batch_rejected ORDER BY object_key, line"))
                .Order(StringComparer.Ordinal));
    }

    /// <summary>(objects read, records read, new pin rows) of a run.</summary>
    private static (int, int, int) Counts(JsonElement run) =>
        (run.GetProperty("objectsRead").GetInt32(), run.GetProperty("recordsRead").GetInt32(), run.GetProperty("rowsAdded").GetProperty("pin").GetInt32());
}
