using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using PinterestPipeline.Sink.Tests.Infrastructure;
using PinterestPipeline.TestSupport.Kafka;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.Sink.Tests.Delivery;

/// <summary>A value that is not JSON follows <c>Sink:ErrorsTolerance</c>: stop, or the dead-letter folder; never a silent drop.</summary>
public sealed class BadRecordTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);
    private static readonly byte[] NotJson = Encoding.UTF8.GetBytes("not json {");

    [Fact]
    public async Task Tolerance_all_moves_bad_values_to_the_dead_letter_folder_and_carries_on()
    {
        var topic = kafka.CreateTopic("bad");
        using var bucket = new TempFolder();
        using var records = new TestRecords(kafka.BootstrapServers);
        var good = Enumerable.Range(0, 4).Select(n => TestRecords.Json(topic, 0, n)).ToList();
        // Offsets: 0 good, 1 not JSON, 2 good, 3 good, 4 null (tombstone), 5 good.
        await records.ProduceAsync(topic, 0, [good[0], NotJson, good[1], good[2]]);
        await ProduceNullAsync(topic);
        await records.ProduceAsync(topic, 0, [good[3]]);

        var settings = SinkHost.LocalSettings(kafka.BootstrapServers, $"^{topic}$", bucket.Path, UniqueName.For("g"));
        settings["Sink:FlushSize"] = "2";
        settings["Sink:ErrorsTolerance"] = "All";
        using var host = await SinkHost.StartAsync(settings);
        using var bad = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), Microsoft.Extensions.Hosting.PipelineTelemetry.MeterName, "sink.records.bad");

        var secondKey = ObjectKeys.For("topics", topic, 0, 3, "json");
        await Eventually.TrueAsync(() => LocalBucket.Read(bucket.Path).ContainsKey(secondKey), Timeout, () => ObjectFiles.Describe(LocalBucket.Read(bucket.Path)));
        await host.StopAsync();

        var objects = LocalBucket.Read(bucket.Path);
        Assert.Equal(
            new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
            {
                [ObjectKeys.For("topics", topic, 0, 0, "json")] = ObjectFiles.Lines([good[0], good[1]]),
                [secondKey] = ObjectFiles.Lines([good[2], good[3]]),
            },
            objects);
        var deadLetters = LocalBucket.Read(bucket.Path, "dead-letter");
        Assert.Equal(
            new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
            {
                [ObjectKeys.For("dead-letter", topic, 0, 1, "bin")] = NotJson,
                [ObjectKeys.For("dead-letter", topic, 0, 4, "bin")] = [],
            },
            deadLetters);
        Assert.Equal(2, bad.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task Tolerance_none_stops_the_sink_with_an_error_and_commits_nothing_past_the_bad_record()
    {
        var topic = kafka.CreateTopic("bad");
        var group = UniqueName.For("g");
        using var bucket = new TempFolder();
        using var records = new TestRecords(kafka.BootstrapServers);
        var good = TestRecords.Json(topic, 0, 0);
        await records.ProduceAsync(topic, 0, [good, NotJson, TestRecords.Json(topic, 0, 2)]);

        var settings = SinkHost.LocalSettings(kafka.BootstrapServers, $"^{topic}$", bucket.Path, group);
        using var sink = ServiceProcess.Start("PinterestPipeline.Sink", settings);
        var exitCode = await sink.WaitForExitAsync(Timeout);

        Assert.Equal(1, exitCode);
        Assert.Contains($"record {topic}/0@1 cannot be written: the value is not JSON", sink.Output, StringComparison.Ordinal);
        Assert.Contains("Sink:ErrorsTolerance", sink.Output, StringComparison.Ordinal);
        Assert.Equal([ObjectKeys.For("topics", topic, 0, 0, "json")], LocalBucket.Read(bucket.Path).Keys);
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = group }).Build();
        Assert.Equal(1, consumer.Committed([new TopicPartition(topic, 0)], TimeSpan.FromSeconds(10)).Single().Offset.Value);
    }

    private async Task ProduceNullAsync(string topic)
    {
        using var producer = new ProducerBuilder<Null, byte[]?>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var result = await producer.ProduceAsync(new TopicPartition(topic, 0), new Message<Null, byte[]?> { Value = null });
        Assert.Equal(4, result.Offset.Value);
    }
}
