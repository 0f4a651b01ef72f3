using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using PinterestPipeline.Sink.Storage;
using PinterestPipeline.Sink.Tests.Infrastructure;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;

namespace PinterestPipeline.Sink.Tests.Layout;

/// <summary>The bucket equals the records in Kafka, key by key and byte by byte.</summary>
public sealed class ObjectLayoutTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Flush_size_1_writes_one_object_per_record_for_every_topic_of_the_prefix()
    {
        var prefix = UniqueName.For("p");
        var pin = $"{prefix}.pin";
        var geo = $"{prefix}.geo";
        kafka.Broker.CreateTopic(pin, 2);
        kafka.Broker.CreateTopic(geo, 1);
        var other = kafka.CreateTopic("other");
        using var bucket = new TempFolder();
        using var records = new TestRecords(kafka.BootstrapServers);
        var pin0 = Values(pin, 0, 4);
        var pin1 = Values(pin, 1, 3);
        var geo0 = Values(geo, 0, 2);
        await records.ProduceAsync(pin, 0, pin0);
        await records.ProduceAsync(pin, 1, pin1);
        await records.ProduceAsync(geo, 0, geo0);
        await records.ProduceAsync(other, 0, Values(other, 0, 2));

        var settings = SinkHost.LocalSettings(kafka.BootstrapServers, topicsRegex: "", bucket.Path, UniqueName.For("g"));
        settings["Pipeline:TopicPrefix"] = prefix;
        using var host = await SinkHost.StartAsync(settings);

        var expected = Merge(ObjectFiles.Expected(pin, 0, pin0, 1), ObjectFiles.Expected(pin, 1, pin1, 1), ObjectFiles.Expected(geo, 0, geo0, 1));
        await Eventually.TrueAsync(() => LocalBucket.Read(bucket.Path).Count >= expected.Count, Timeout, () => ObjectFiles.Describe(LocalBucket.Read(bucket.Path)));
        await host.StopAsync();

        var actual = LocalBucket.Read(bucket.Path);
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.All(expected, e => Assert.Equal(e.Value, actual[e.Key]));
        Assert.Contains($"topics/{pin}/partition=1/{pin}+1+0000000002.json", actual.Keys);
    }

    [Fact]
    public async Task Flush_size_N_writes_full_objects_only_and_commits_the_start_of_the_open_one()
    {
        var topic = kafka.CreateTopic("t");
        var group = UniqueName.For("g");
        using var bucket = new TempFolder();
        using var records = new TestRecords(kafka.BootstrapServers);
        var values = Values(topic, 0, 8);
        await records.ProduceAsync(topic, 0, values);

        var settings = SinkHost.LocalSettings(kafka.BootstrapServers, $"^{topic}$", bucket.Path, group);
        settings["Sink:FlushSize"] = "3";
        using var host = await SinkHost.StartAsync(settings);

        var expected = ObjectFiles.Expected(topic, 0, values, 3);
        Assert.Equal(2, expected.Count);
        await Eventually.TrueAsync(() => LocalBucket.Read(bucket.Path).Count >= expected.Count, Timeout, () => ObjectFiles.Describe(LocalBucket.Read(bucket.Path)));
        await host.StopAsync();

        var actual = LocalBucket.Read(bucket.Path);
        Assert.Equal(expected, actual);
        // The last two records are still buffered: the group's offset must point at them, not past them.
        Assert.Equal(6, Committed(group, topic));
    }

    [Fact]
    public async Task Rotate_interval_closes_a_partial_object()
    {
        var topic = kafka.CreateTopic("t");
        using var bucket = new TempFolder();
        using var records = new TestRecords(kafka.BootstrapServers);
        var settings = SinkHost.LocalSettings(kafka.BootstrapServers, $"^{topic}$", bucket.Path, UniqueName.For("g"));
        settings["Sink:FlushSize"] = "1000";
        settings["Sink:RotateIntervalMs"] = "300";
        using var host = await SinkHost.StartAsync(settings);

        var first = Values(topic, 0, 5);
        await records.ProduceAsync(topic, 0, first);
        var firstKey = ObjectKeys.For("topics", topic, 0, 0, "json");
        await Eventually.TrueAsync(() => LocalBucket.Read(bucket.Path).ContainsKey(firstKey), Timeout, () => ObjectFiles.Describe(LocalBucket.Read(bucket.Path)));

        var second = Values(topic, 0, 3, start: 5);
        await records.ProduceAsync(topic, 0, second);
        var secondKey = ObjectKeys.For("topics", topic, 0, 5, "json");
        await Eventually.TrueAsync(() => LocalBucket.Read(bucket.Path).ContainsKey(secondKey), Timeout, () => ObjectFiles.Describe(LocalBucket.Read(bucket.Path)));
        await host.StopAsync();

        var actual = LocalBucket.Read(bucket.Path);
        Assert.Equal([firstKey, secondKey], actual.Keys);
        Assert.Equal(ObjectFiles.Lines(first), actual[firstKey]);
        Assert.Equal(ObjectFiles.Lines(second), actual[secondKey]);
    }

    private long Committed(string group, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = group }).Build();
        return consumer.Committed([new TopicPartition(topic, 0)], TimeSpan.FromSeconds(10)).Single().Offset.Value;
    }

    private static List<byte[]> Values(string topic, int partition, int count, int start = 0) =>
        Enumerable.Range(start, count).Select(n => TestRecords.Json(topic, partition, n)).ToList();

    private static SortedDictionary<string, byte[]> Merge(params SortedDictionary<string, byte[]>[] parts) =>
        new(parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
}
