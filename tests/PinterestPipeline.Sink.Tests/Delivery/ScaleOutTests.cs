using System.Globalization;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using PinterestPipeline.Sink.Tests.Infrastructure;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;

namespace PinterestPipeline.Sink.Tests.Delivery;

/// <summary>Several instances share the partitions through the consumer group.</summary>
public sealed class ScaleOutTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private const int Partitions = 4;
    private const int FlushSize = 5;

    [Fact]
    public async Task Two_instances_together_write_every_record_once()
    {
        var topic = kafka.CreateTopic("scale", Partitions);
        using var bucket = new TempFolder();
        var settings = SinkHost.LocalSettings(kafka.BootstrapServers, $"^{topic}$", bucket.Path, UniqueName.For("g"));
        settings["Sink:FlushSize"] = FlushSize.ToString(CultureInfo.InvariantCulture);
        using var records = new TestRecords(kafka.BootstrapServers);
        var produced = Enumerable.Range(0, Partitions).Select(_ => new List<byte[]>()).ToArray();

        using var first = await SinkHost.StartAsync(settings);
        using var firstWritten = Collect(first);
        await ProduceAsync(records, topic, produced, batches: 10);
        await Eventually.TrueAsync(() => LocalBucket.Read(bucket.Path).Count > 0, TimeSpan.FromSeconds(30), () => "the first instance wrote nothing");
        // The second instance joins while records flow, so the group rebalances mid-stream.
        using var second = await SinkHost.StartAsync(settings);
        using var secondWritten = Collect(second);
        await ProduceAsync(records, topic, produced, batches: 30);

        var total = produced.Sum(p => p.Count);
        await Eventually.TrueAsync(() => LocalBucket.Read(bucket.Path).Count >= total / FlushSize, TimeSpan.FromSeconds(60), () => $"{LocalBucket.Read(bucket.Path).Count} of {total / FlushSize} objects");
        await Task.WhenAll(first.StopAsync(), second.StopAsync());

        var objects = LocalBucket.Read(bucket.Path);
        for (var partition = 0; partition < Partitions; partition++)
        {
            BucketAssert.ExactlyOnce(objects, topic, partition, produced[partition]);
        }

        var (byFirst, bySecond) = (Sum(firstWritten), Sum(secondWritten));
        Assert.True(byFirst > 0 && bySecond > 0, $"both instances must have written: {byFirst} and {bySecond} records");
        // The broker refuses commits while the group rebalances, so a new owner may write some objects again,
        // under the same keys with the same bytes: the bucket stays exactly once (checked above), the writes are at least once.
        Assert.True(byFirst + bySecond >= total, $"{byFirst + bySecond} records written for {total} produced");
    }

    private static async Task ProduceAsync(TestRecords records, string topic, List<byte[]>[] produced, int batches)
    {
        for (var batch = 0; batch < batches; batch++)
        {
            for (var partition = 0; partition < Partitions; partition++)
            {
                var values = Enumerable.Range(produced[partition].Count, 20).Select(n => TestRecords.Json(topic, partition, n)).ToList();
                await records.ProduceAsync(topic, partition, values);
                produced[partition].AddRange(values);
            }

            await Task.Delay(100);
        }
    }

    private static MetricCollector<long> Collect(IHost host) =>
        new(host.Services.GetRequiredService<IMeterFactory>(), Microsoft.Extensions.Hosting.PipelineTelemetry.MeterName, "sink.records.written");

    private static long Sum(MetricCollector<long> collector) => collector.GetMeasurementSnapshot().Sum(m => m.Value);
}
