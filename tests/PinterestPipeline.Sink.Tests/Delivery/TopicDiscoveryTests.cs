using Microsoft.Extensions.Hosting;
using PinterestPipeline.Sink.Tests.Infrastructure;
using PinterestPipeline.TestSupport.Kafka;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.Sink.Tests.Delivery;

/// <summary><c>topics.regex</c> is a live subscription: a topic created later is picked up without a restart.</summary>
public sealed class TopicDiscoveryTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_topic_created_while_the_sink_runs_is_picked_up()
    {
        var prefix = UniqueName.For("p");
        var pin = $"{prefix}.pin";
        kafka.Broker.CreateTopic(pin);
        using var bucket = new TempFolder();
        using var records = new TestRecords(kafka.BootstrapServers);
        // Not anchored, as in the course's connector (topics.regex=<user_id>.*): the whole name must match.
        var settings = SinkHost.LocalSettings(kafka.BootstrapServers, $"{prefix}\\..*", bucket.Path, UniqueName.For("g"));
        using var host = await SinkHost.StartAsync(settings);

        var pinValue = TestRecords.Json(pin, 0, 0);
        await records.ProduceAsync(pin, 0, [pinValue]);
        var pinKey = ObjectKeys.For("topics", pin, 0, 0, "json");
        await Eventually.TrueAsync(() => LocalBucket.Read(bucket.Path).ContainsKey(pinKey), Timeout, () => ObjectFiles.Describe(LocalBucket.Read(bucket.Path)));

        var late = $"{prefix}.late";
        var notMatching = $"x{prefix}.late";
        kafka.Broker.CreateTopic(late);
        kafka.Broker.CreateTopic(notMatching);
        var lateValue = TestRecords.Json(late, 0, 0);
        await records.ProduceAsync(late, 0, [lateValue]);
        await records.ProduceAsync(notMatching, 0, [TestRecords.Json(notMatching, 0, 0)]);
        var lateKey = ObjectKeys.For("topics", late, 0, 0, "json");
        await Eventually.TrueAsync(() => LocalBucket.Read(bucket.Path).ContainsKey(lateKey), Timeout, () => ObjectFiles.Describe(LocalBucket.Read(bucket.Path)));
        await host.StopAsync();

        var objects = LocalBucket.Read(bucket.Path);
        Assert.Equal([lateKey, pinKey], objects.Keys);
        Assert.Equal(ObjectFiles.Lines([lateValue]), objects[lateKey]);
    }
}
