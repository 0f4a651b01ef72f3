using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using PinterestPipeline.Sink.Tests.Infrastructure;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;
using Xunit.Abstractions;

namespace PinterestPipeline.Sink.Tests.Delivery;

/// <summary>Exactly once across SIGKILLs: the broker outlives the sink process, which is killed and restarted while records flow.</summary>
public sealed class CrashSafetyTests(KafkaFixture kafka, ITestOutputHelper output) : IClassFixture<KafkaFixture>
{
    private const int Partitions = 3;
    private const int MinimumRecordsPerPartition = 4_000;
    private const int BatchSize = 40;
    private const int FlushSize = 10;
    private const int Kills = 6;

    [Fact]
    public async Task Every_record_is_in_the_bucket_exactly_once_after_repeated_kills()
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var topic = kafka.CreateTopic("crash", Partitions);
        using var bucket = new TempFolder();
        var settings = SinkHost.LocalSettings(kafka.BootstrapServers, $"^{topic}$", bucket.Path, UniqueName.For("g"));
        settings["Sink:FlushSize"] = FlushSize.ToString(CultureInfo.InvariantCulture);
        // A killed member holds its partitions until its session expires; keep that wait short.
        settings["Aspire:Confluent:Kafka:Consumer:Config:session.timeout.ms"] = "3000";
        settings["Aspire:Confluent:Kafka:Consumer:Config:heartbeat.interval.ms"] = "500";
        output.WriteLine($"seed {seed}, topic {topic}, bucket {bucket.Path}");

        using var records = new TestRecords(kafka.BootstrapServers);
        var clock = Stopwatch.StartNew();
        using var killsDone = new CancellationTokenSource();
        var producing = ProduceWhileKillingAsync(records, topic, killsDone.Token);

        for (var kill = 1; kill <= Kills; kill++)
        {
            using var sink = ServiceProcess.Start("PinterestPipeline.Sink", settings);
            var before = CountObjects(bucket.Path);
            // Kill only once this instance is writing, at a random moment of its work.
            await Eventually.TrueAsync(() => CountObjects(bucket.Path) > before || sink.HasExited, TimeSpan.FromSeconds(60), () => $"no progress after kill {kill - 1}:\n{sink.Output}");
            Assert.False(sink.HasExited, $"The sink exited on its own:\n{sink.Output}");
            await Task.Delay(random.Next(0, 600));
            sink.Kill();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: kill {kill} with {CountObjects(bucket.Path)} objects in the bucket");
        }

        await killsDone.CancelAsync();
        var produced = await producing;
        var total = produced.Sum(p => p.Count);
        Assert.True(total >= 10_000, $"only {total} records were produced");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: all {total} records produced");
        using (var last = ServiceProcess.Start("PinterestPipeline.Sink", settings))
        {
            await Eventually.TrueAsync(
                () => CountObjects(bucket.Path) >= total / FlushSize,
                TimeSpan.FromSeconds(90),
                () => $"{CountObjects(bucket.Path)} objects; output of the last sink:\n{last.Output}");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: bucket complete");
        }

        var objects = LocalBucket.Read(bucket.Path);
        for (var partition = 0; partition < Partitions; partition++)
        {
            BucketAssert.ExactlyOnce(objects, topic, partition, produced[partition]);
        }

        Assert.Equal(total / FlushSize, objects.Count);
    }

    // Records keep arriving until every kill is done, and at least MinimumRecordsPerPartition per partition.
    private static async Task<List<byte[]>[]> ProduceWhileKillingAsync(TestRecords records, string topic, CancellationToken killsDone)
    {
        var produced = Enumerable.Range(0, Partitions).Select(_ => new List<byte[]>()).ToArray();
        while (!killsDone.IsCancellationRequested || produced[0].Count < MinimumRecordsPerPartition)
        {
            var first = produced[0].Count;
            for (var partition = 0; partition < Partitions; partition++)
            {
                var values = Enumerable.Range(first, BatchSize).Select(n => TestRecords.Json(topic, partition, n)).ToList();
                var offsets = await records.ProduceAsync(topic, partition, values);
                Assert.Equal(Enumerable.Range(first, BatchSize).Select(n => (long)n), offsets);
                produced[partition].AddRange(values);
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return produced;
    }

    private static int CountObjects(string root)
    {
        var folder = Path.Combine(root, "topics");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Count() : 0;
    }
}
