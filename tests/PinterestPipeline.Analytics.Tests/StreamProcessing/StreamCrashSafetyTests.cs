using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using PinterestPipeline.Analytics.Tests.Infrastructure;
using PinterestPipeline.ServiceDefaults.Streams;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;
using Xunit.Abstractions;

namespace PinterestPipeline.Analytics.Tests.StreamProcessing;

/// <summary>
/// Exactly once across SIGKILLs: the broker outlives the service process, which is killed at random moments of its work
/// and started again while records keep arriving; the warehouse must end with every record in its table once, in each
/// shard's order.
/// </summary>
public sealed class StreamCrashSafetyTests(KafkaFixture kafka, ITestOutputHelper output) : IClassFixture<KafkaFixture>
{
    private const int Shards = 2;
    private const int MinimumPerShard = 1_700;
    private const int PerRound = 14;
    private const int Kills = 6;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Every_record_is_in_its_table_once_in_shard_order_after_repeated_kills()
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        using var bucket = new TestBucket();
        StreamTestHost.CreateStreams(kafka, bucket, Shards);
        var port = FreePort.Next();
        var settings = StreamTestHost.Settings(bucket, kafka.BootstrapServers);
        settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // Small, frequent commits: a kill lands before, during or after one at random.
        settings["Analytics:Streams:MaxBatchRecords"] = "500";
        settings["Analytics:Streams:MaxBatchWait"] = "00:00:00.050";
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        output.WriteLine($"seed {seed}, prefix {bucket.TopicPrefix}, warehouse {bucket.WarehousePath}");

        using var producer = new StreamProducer(kafka.BootstrapServers);
        using var killsDone = new CancellationTokenSource();
        var producing = ProduceWhileKillingAsync(producer, bucket, killsDone.Token);
        var clock = Stopwatch.StartNew();
        for (var kill = 1; kill <= Kills; kill++)
        {
            using var service = ServiceProcess.Start("PinterestPipeline.Analytics", settings);
            var before = await RowsAsync(http, service, waitForService: true);
            // Kill only once this process is committing, at a random moment of its work.
            await UntilAsync(async () => await RowsAsync(http, service) > before, service, $"no progress after kill {kill - 1}");
            await Task.Delay(random.Next(0, 400));
            service.Kill();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: kill {kill} after {before} rows");
        }

        await killsDone.CancelAsync();
        var produced = await producing;
        var total = produced.Values.Sum(p => p.Count);
        Assert.True(total >= 10_000, $"only {total} records were produced");
        using (var last = ServiceProcess.Start("PinterestPipeline.Analytics", settings))
        {
            await RowsAsync(http, last, waitForService: true);
            await UntilAsync(async () => await RowsAsync(http, last) == total, last, $"all {total} rows");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: all {total} rows committed");
            last.Kill();
        }

        await using var connection = await WarehouseFile.OpenAsync(bucket.WarehousePath);
        foreach (var suffix in StreamTestHost.Suffixes)
        {
            var table = StreamTestHost.Table(bucket, suffix);
            var rows = await WarehouseFile.QueryAsync(connection, $"SELECT _row, _shard_id, _sequence_number, ind FROM \"{table}\" ORDER BY _row");
            Assert.Equal(Enumerable.Range(0, rows.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r.Split('|')[0]));
            for (var shard = 0; shard < Shards; shard++)
            {
                var mine = rows.Select(r => r.Split('|')).Where(r => r[1] == ShardId.Format(shard)).ToList();
                // Every record once, in the shard's order: the n-th row of the shard is the record at offset n.
                Assert.Equal(produced[(suffix, shard)], mine.Select(r => long.Parse(r[3], CultureInfo.InvariantCulture)));
                Assert.Equal(Enumerable.Range(0, mine.Count).Select(n => SequenceNumber.Format(shard, n)), mine.Select(r => r[2]));
            }

            Assert.Equal(produced.Where(p => p.Key.Suffix == suffix).Sum(p => p.Value.Count), rows.Count);
        }

        Assert.Equal(["0"], await WarehouseFile.QueryAsync(connection, "SELECT count(*) FROM stream_rejected"));
    }

    // Records keep arriving until every kill is done, and until each shard has MinimumPerShard. Each row's ind says which
    // stream, shard and place it was produced at.
    private static async Task<Dictionary<(string Suffix, int Shard), List<long>>> ProduceWhileKillingAsync(StreamProducer producer, TestBucket bucket, CancellationToken killsDone)
    {
        var produced = StreamTestHost.Suffixes.SelectMany(s => Enumerable.Range(0, Shards).Select(shard => (s, shard))).ToDictionary(k => k, _ => new List<long>());
        while (!killsDone.IsCancellationRequested || produced.Values.Min(p => p.Count) < MinimumPerShard)
        {
            foreach (var ((suffix, shard), list) in produced)
            {
                var inds = Enumerable.Range(list.Count, PerRound).Select(n => (long)((shard * 1_000_000) + n)).ToList();
                var offsets = await producer.PutAsync(StreamTestHost.Stream(bucket, suffix), shard, inds.Select(ind => Data(suffix, ind)));
                Assert.Equal(Enumerable.Range(list.Count, PerRound).Select(n => (long)n), offsets);
                list.AddRange(inds);
            }

            await Task.Delay(killsDone.IsCancellationRequested ? 0 : 40, CancellationToken.None);
        }

        return produced;
    }

    private static byte[] Data(string suffix, long ind) => JsonSerializer.SerializeToUtf8Bytes(suffix switch
    {
        "pin" => $$"""{"index": {{ind}}, "unique_id": "u{{ind}}", "title": "t", "description": "d", "poster_name": "p", "follower_count": "1k", "tag_list": "a", "is_image_or_video": "image", "image_src": "s", "downloaded": 1, "save_location": "Local save in /data/art", "category": "art"}""",
        "geo" => $$"""{"ind": {{ind}}, "timestamp": "2020-08-28T03:52:47", "latitude": -89.9787, "longitude": -173.293, "country": "Albania"}""",
        _ => $$"""{"ind": {{ind}}, "first_name": "Abigail", "last_name": "Ali", "age": 20, "date_joined": "2015-10-24T11:23:51"}""",
    });

    // The rows of the three tables together; with waitForService, first waits for the service to answer.
    private static async Task<long> RowsAsync(HttpClient http, ServiceProcess service, bool waitForService = false)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            Assert.False(service.HasExited, $"The service exited on its own:\n{service.Output}");
            try
            {
                var streams = await http.GetFromJsonAsync<JsonElement>("/api/streams");
                return streams.GetProperty("tables").EnumerateArray().Sum(t => t.GetProperty("rows").GetInt64());
            }
            catch (HttpRequestException) when (waitForService && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static Task UntilAsync(Func<Task<bool>> done, ServiceProcess service, string what) =>
        Eventually.TrueAsync(done, Limit, () => $"Waited {Limit.TotalSeconds:0} s for {what}. Output:\n{service.Output}", TimeSpan.FromMilliseconds(20));
}
