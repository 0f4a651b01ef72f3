using PinterestPipeline.TestSupport;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PinterestPipeline.Analytics.Tests.Infrastructure;
using PinterestPipeline.TestSupport.Analytics;
using PinterestPipeline.ServiceDefaults.Streams;
using PinterestPipeline.TestSupport.Kafka;

namespace PinterestPipeline.Analytics.Tests.StreamProcessing;

/// <summary>The stream job against a real broker: rows in stream order per shard, rejections kept, the batch job's rows, restarts.</summary>
public sealed class StreamJobTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private const int Shards = 2;
    private const int PerShard = 120;

    [Fact]
    public async Task Each_record_becomes_one_row_in_stream_order_per_shard_and_malformed_ones_are_rejected_with_their_place_and_reason()
    {
        using var bucket = new TestBucket();
        StreamTestHost.CreateStreams(kafka, bucket, Shards);
        var random = new Random(13);
        var events = Enumerable.Range(0, Shards * PerShard).Select(_ => SourceEvent.At(SeededRun.Seeded, random.Next(0, 11_001))).ToList();
        var forms = await SeedStreamForms.OfAsync(events);
        var arrival = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var malformed = new[] { "garbage", "\"{\\\"index\\\": \\\"x\\\"}\"", "" };
        using var producer = new StreamProducer(kafka.BootstrapServers);
        // Shard 0 in the seed's string form, shard 1 as objects with a malformed record after every 40 rows; the shards are
        // filled in turns, so records of both arrive interleaved.
        var expectedOffsets = new List<long>[Shards];
        var rejectedOffsets = new List<long>();
        for (var shard = 0; shard < Shards; shard++)
        {
            expectedOffsets[shard] = [];
        }

        for (var chunk = 0; chunk < PerShard / 40; chunk++)
        {
            for (var shard = 0; shard < Shards; shard++)
            {
                var rows = Enumerable.Range((shard * PerShard) + (chunk * 40), 40).ToList();
                var data = rows.Select(i => shard == 0 ? forms[i].Pin : Encoding.UTF8.GetBytes(events[i].PinJson)).ToList();
                expectedOffsets[shard].AddRange(await producer.PutAsync(StreamTestHost.Stream(bucket, "pin"), shard, data, arrival: arrival));
                await producer.PutAsync(StreamTestHost.Stream(bucket, "geo"), shard, rows.Select(i => forms[i].Geo), "partition-2", arrival);
                await producer.PutAsync(StreamTestHost.Stream(bucket, "user"), shard, rows.Select(i => forms[i].User), "partition-3", arrival);
                if (shard == 1)
                {
                    rejectedOffsets.AddRange(await producer.PutAsync(StreamTestHost.Stream(bucket, "pin"), shard, [Encoding.UTF8.GetBytes(malformed[chunk])], "bad-key", arrival));
                }
            }
        }

        await using var app = new AnalyticsApp(bucket, StreamTestHost.Settings(bucket, kafka.BootstrapServers));
        using var client = app.CreateClient();
        const int total = Shards * PerShard;
        await StreamTestHost.WaitForRowsAsync(client, total, total, total);
        // No lag: the rejected records after the last rows are committed too.
        var streams = await StreamTestHost.WaitAsync(client, s => s.GetProperty("tables")[0].GetProperty("lag") is { ValueKind: JsonValueKind.Number } lag && lag.GetInt64() == 0, "no lag");

        var pin = streams.GetProperty("tables")[0];
        Assert.Equal(3, pin.GetProperty("rejected").GetInt64());
        Assert.Equal(0, streams.GetProperty("tables")[1].GetProperty("rejected").GetInt64());

        // Per shard, the rows are the shard's records in order, each cleaned as the course says.
        var pinRows = await StreamTestHost.AllRowsAsync(client, StreamTestHost.Table(bucket, "pin"), pageSize: 97);
        var geoRows = await StreamTestHost.AllRowsAsync(client, StreamTestHost.Table(bucket, "geo"));
        var userRows = await StreamTestHost.AllRowsAsync(client, StreamTestHost.Table(bucket, "user"));
        await using var connection = await WarehouseFile.OpenAsync(bucket.WarehousePath);
        foreach (var (suffix, rows, text) in new (string, List<JsonElement>, Func<SourceEvent, string>)[]
        {
            ("pin", pinRows, e => StreamRowText.Pin(ExpectedTables.Pin(e.Emitted.Pin))),
            ("geo", geoRows, e => StreamRowText.Geo(ExpectedTables.Geo(e.Emitted.Geo))),
            ("user", userRows, e => StreamRowText.User(ExpectedTables.User(e.Emitted.User))),
        })
        {
            var table = StreamTestHost.Table(bucket, suffix);
            var places = await WarehouseFile.QueryAsync(connection, $"SELECT _row, _shard_id, _sequence_number, _arrival_time FROM \"{table}\" ORDER BY _row");
            Assert.Equal(total, places.Count);
            Assert.Equal(total, rows.Count);
            for (var shard = 0; shard < Shards; shard++)
            {
                var shardId = ShardId.Format(shard);
                var mine = Enumerable.Range(0, total).Where(i => places[i].Split('|')[1] == shardId).ToList();
                Assert.Equal(Enumerable.Range(shard * PerShard, PerShard).Select(i => text(events[i])), mine.Select(i => StreamRowText.Of(rows[i])));
                var offsets = mine.Select(i => SequenceNumber.TryParse(places[i].Split('|')[2], out var partition, out var offset) && partition == shard ? offset : -1).ToList();
                Assert.Equal(suffix == "pin" ? expectedOffsets[shard] : [.. Enumerable.Range(0, PerShard).Select(i => (long)i)], offsets);
            }

            // _row is the commit order, 0 to n - 1; the arrival time is the record's.
            Assert.Equal(Enumerable.Range(0, total).Select(i => i.ToString(CultureInfo.InvariantCulture)), places.Select(p => p.Split('|')[0]));
            Assert.All(places, p => Assert.Equal(arrival.UtcDateTime.ToString("s", CultureInfo.InvariantCulture), p.Split('|')[3]));
        }

        var rejected = await WarehouseFile.QueryAsync(connection,
            $"SELECT stream, shard_id, sequence_number, partition_key, reason, data_length, decode(data) FROM stream_rejected WHERE stream = '{StreamTestHost.Stream(bucket, "pin")}' ORDER BY sequence_number");
        Assert.Equal(
            [
                ExpectedAnswers.Row(StreamTestHost.Stream(bucket, "pin"), ShardId.Format(1), SequenceNumber.Format(1, rejectedOffsets[0]), "bad-key", "data is not valid JSON: 'g' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 0.", 7, "garbage"),
                ExpectedAnswers.Row(StreamTestHost.Stream(bucket, "pin"), ShardId.Format(1), SequenceNumber.Format(1, rejectedOffsets[1]), "bad-key", "the JSON string in data: missing column 'unique_id'", malformed[1].Length, malformed[1]),
                ExpectedAnswers.Row(StreamTestHost.Stream(bucket, "pin"), ShardId.Format(1), SequenceNumber.Format(1, rejectedOffsets[2]), "bad-key", "no data: the record's value is empty", 0, ""),
            ],
            rejected);
    }

    [Fact]
    public async Task Both_jobs_clean_the_same_seeded_records_into_the_same_rows()
    {
        using var bucket = new TestBucket();
        StreamTestHost.CreateStreams(kafka, bucket);
        var random = new Random(29);
        var events = Enumerable.Range(0, 300).Select(_ => SourceEvent.At(SeededRun.Seeded, random.Next(0, 11_001))).ToList();
        var forms = await SeedStreamForms.OfAsync(events);
        using (var producer = new StreamProducer(kafka.BootstrapServers))
        {
            foreach (var (suffix, select) in new (string, Func<(byte[] Pin, byte[] Geo, byte[] User), byte[]>)[] { ("pin", f => f.Pin), ("geo", f => f.Geo), ("user", f => f.User) })
            {
                await producer.PutAsync(StreamTestHost.Stream(bucket, suffix), 0, forms.Select(select));
            }
        }

        foreach (var sourceEvent in events)
        {
            bucket.WriteEvent(sourceEvent);
        }

        await using var app = new AnalyticsApp(bucket, StreamTestHost.Settings(bucket, kafka.BootstrapServers));
        using var client = app.CreateClient();
        Assert.Equal("Succeeded", (await app.RunAsync()).GetProperty("status").GetString());
        await StreamTestHost.WaitForRowsAsync(client, events.Count, events.Count, events.Count);

        await using var connection = await WarehouseFile.OpenAsync(bucket.WarehousePath);
        foreach (var (batch, suffix) in new[] { ("pin", "pin"), ("geo", "geo"), ("\"user\"", "user") })
        {
            var streamTable = $"\"{StreamTestHost.Table(bucket, suffix)}\"";
            // The batch table keeps each distinct row once (its own rule); the stream table every record, as the seed's append does.
            var batchRows = await WarehouseFile.QueryAsync(connection, $"SELECT * FROM {batch} ORDER BY ALL");
            var streamRows = await WarehouseFile.QueryAsync(connection, $"SELECT DISTINCT * EXCLUDE (_row, _shard_id, _sequence_number, _arrival_time) FROM {streamTable} ORDER BY ALL");
            Assert.Equal(batchRows, streamRows);
            Assert.Equal(events.Count, (await WarehouseFile.QueryAsync(connection, $"SELECT * FROM {streamTable}")).Count);
        }
    }

    [Fact]
    public async Task A_restart_goes_on_from_the_stored_positions_and_repeats_nothing()
    {
        using var bucket = new TestBucket();
        StreamTestHost.CreateStreams(kafka, bucket);
        using var producer = new StreamProducer(kafka.BootstrapServers);
        var stream = StreamTestHost.Stream(bucket, "user");
        var settings = StreamTestHost.Settings(bucket, kafka.BootstrapServers);
        await producer.PutAsync(stream, 0, Users(0, 50));
        await using (var first = new AnalyticsApp(bucket, settings))
        {
            using var client = first.CreateClient();
            await StreamTestHost.WaitForRowsAsync(client, 0, 0, 50);
            await producer.PutAsync(stream, 0, Users(50, 25));
            await StreamTestHost.WaitForRowsAsync(client, 0, 0, 75);
        }

        // Records that arrive while the job is down are read when it is back, after the 75 already there.
        await producer.PutAsync(stream, 0, Users(75, 30));
        await using var second = new AnalyticsApp(bucket, settings);
        using var again = second.CreateClient();
        await StreamTestHost.WaitForRowsAsync(again, 0, 0, 105);
        await Task.Delay(500);
        var rows = await StreamTestHost.AllRowsAsync(again, StreamTestHost.Table(bucket, "user"));
        Assert.Equal(Enumerable.Range(0, 105).Select(i => (long)i), rows.Select(r => r.GetProperty("ind").GetInt64()));
    }

    [Fact]
    public async Task A_broker_that_starts_empty_gets_fresh_tables_and_the_old_rows_are_moved_aside()
    {
        using var bucket = new TestBucket();
        var settings = StreamTestHost.Settings(bucket, kafka.BootstrapServers);
        await using (var before = DevKafka.Broker.DevBroker.Start())
        {
            foreach (var suffix in StreamTestHost.Suffixes)
            {
                before.CreateTopic(StreamTestHost.Stream(bucket, suffix));
            }

            using var producer = new StreamProducer(before.BootstrapServers);
            await producer.PutAsync(StreamTestHost.Stream(bucket, "user"), 0, Users(0, 5));
            await producer.PutAsync(StreamTestHost.Stream(bucket, "geo"), 0, Geos(0, 3));
            settings["ConnectionStrings:kafka"] = before.BootstrapServers;
            await using var app = new AnalyticsApp(bucket, settings);
            await StreamTestHost.WaitForRowsAsync(app.CreateClient(), 0, 3, 5);
        }

        // The next broker is empty again, as DevKafka is on every AppHost run: its users stream has fewer records than the
        // stored position, its geo stream more (so only the record before the position tells the streams apart).
        await using var after = DevKafka.Broker.DevBroker.Start();
        foreach (var suffix in StreamTestHost.Suffixes)
        {
            after.CreateTopic(StreamTestHost.Stream(bucket, suffix));
        }

        using (var producer = new StreamProducer(after.BootstrapServers))
        {
            await producer.PutAsync(StreamTestHost.Stream(bucket, "user"), 0, Users(100, 2));
            await producer.PutAsync(StreamTestHost.Stream(bucket, "geo"), 0, Geos(200, 6));
        }

        settings["ConnectionStrings:kafka"] = after.BootstrapServers;
        await using var restarted = new AnalyticsApp(bucket, settings);
        using var client = restarted.CreateClient();
        await StreamTestHost.WaitForRowsAsync(client, 0, 6, 2);
        Assert.Equal([100L, 101L], (await StreamTestHost.AllRowsAsync(client, StreamTestHost.Table(bucket, "user"))).Select(r => r.GetProperty("ind").GetInt64()));
        Assert.Equal(Enumerable.Range(200, 6).Select(i => (long)i), (await StreamTestHost.AllRowsAsync(client, StreamTestHost.Table(bucket, "geo"))).Select(r => r.GetProperty("ind").GetInt64()));

        await using var connection = await WarehouseFile.OpenAsync(bucket.WarehousePath);
        var archives = await WarehouseFile.QueryAsync(connection,
            $"SELECT table_name FROM information_schema.tables WHERE table_name LIKE '{bucket.TopicPrefix}_%_table_%' ORDER BY table_name");
        Assert.Equal(2, archives.Count);
        Assert.Equal(["0", "1", "2"], await WarehouseFile.QueryAsync(connection, $"SELECT ind FROM \"{archives.Single(a => a.Contains("_geo_", StringComparison.Ordinal))}\" ORDER BY _row"));
        Assert.Equal(["0", "1", "2", "3", "4"], await WarehouseFile.QueryAsync(connection, $"SELECT ind FROM \"{archives.Single(a => a.Contains("_user_", StringComparison.Ordinal))}\" ORDER BY _row"));
    }

    [Fact]
    public async Task A_stream_created_after_the_start_is_read_too()
    {
        using var bucket = new TestBucket();
        kafka.Broker.CreateTopic(StreamTestHost.Stream(bucket, "pin"));
        await using var app = new AnalyticsApp(bucket, StreamTestHost.Settings(bucket, kafka.BootstrapServers));
        using var client = app.CreateClient();
        await StreamTestHost.WaitAsync(client, s => s.GetProperty("tables")[0].GetProperty("shards").GetArrayLength() == 1, "the pin stream's shard");

        kafka.Broker.CreateTopic(StreamTestHost.Stream(bucket, "user"), 2);
        using var producer = new StreamProducer(kafka.BootstrapServers);
        await producer.PutAsync(StreamTestHost.Stream(bucket, "user"), 1, Users(0, 4));
        var streams = await StreamTestHost.WaitForRowsAsync(client, 0, 0, 4);
        Assert.Equal([ShardId.Format(0), ShardId.Format(1)], streams.GetProperty("tables")[2].GetProperty("shards").EnumerateArray().Select(s => s.GetProperty("shardId").GetString()));
    }

    [Fact]
    public async Task Without_a_broker_the_job_is_off_and_says_so()
    {
        using var bucket = new TestBucket();
        await using var app = new AnalyticsApp(bucket);
        using var client = app.CreateClient();

        var streams = await client.GetFromJsonAsync<JsonElement>("/api/streams");

        Assert.False(streams.GetProperty("enabled").GetBoolean());
        Assert.Equal("Disabled", streams.GetProperty("state").GetString());
        Assert.Equal([0L, 0L, 0L], streams.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("rows").GetInt64()));
    }

    [Theory]
    [InlineData("Analytics:Streams:Enabled", "true", "Analytics:Streams:Enabled is true, so set ConnectionStrings:kafka")]
    [InlineData("Analytics:Streams:MaxBatchRecords", "0", "Analytics:Streams:MaxBatchRecords must be from 1 to 1000000 (it was 0).")]
    [InlineData("Analytics:Streams:MaxBatchWait", "00:00:00", "Analytics:Streams:MaxBatchWait must be from 00:00:00.001 to 00:01:00")]
    [InlineData("Analytics:Streams:ShardRefreshInterval", "00:00:00.5", "Analytics:Streams:ShardRefreshInterval must be from 00:00:01 to 01:00:00")]
    public async Task Settings_that_cannot_work_stop_the_start_with_what_to_change(string key, string value, string message)
    {
        // The service as its own process: WebApplicationFactory raced its own start of a host whose start fails against
        // that host's disposal (an ObjectDisposedException instead of the validation error, about 1 run in 8).
        using var bucket = new TestBucket();
        var settings = AnalyticsApp.Settings(bucket);
        settings[key] = value;
        using var service = ServiceProcess.Start("PinterestPipeline.Analytics", settings);

        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains($"error: {message}", service.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", service.Output, StringComparison.Ordinal);
    }

    private static IEnumerable<byte[]> Users(int first, int count) => Enumerable.Range(first, count).Select(i =>
        JsonSerializer.SerializeToUtf8Bytes($$"""{"ind": {{i}}, "first_name": "F{{i}}", "last_name": "L", "age": 30, "date_joined": "2016-01-01T00:00:00"}"""));

    private static IEnumerable<byte[]> Geos(int first, int count) => Enumerable.Range(first, count).Select(i =>
        JsonSerializer.SerializeToUtf8Bytes($$"""{"ind": {{i}}, "timestamp": "2020-01-01T00:00:00", "latitude": 1.5, "longitude": 2.5, "country": "Chad"}"""));
}
