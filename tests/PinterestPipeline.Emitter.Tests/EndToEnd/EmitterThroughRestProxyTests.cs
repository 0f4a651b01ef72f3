using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using PinterestPipeline.Emitter.Tests.Infrastructure;
using PinterestPipeline.Seeder;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;
using PinterestPipeline.TestSupport.MySql;

namespace PinterestPipeline.Emitter.Tests.EndToEnd;

/// <summary>MariaDB seeded by the real Seeder → the emitter → the real REST proxy over HTTP → a real Kafka-protocol broker.</summary>
[Collection(EmitterRuns.Name)]
public sealed class EmitterThroughRestProxyTests(MySqlFixture mysql, KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    [Theory]
    [InlineData("Offset")]
    [InlineData("KeyIndex")]
    public async Task Count_N_puts_exactly_3N_records_in_Kafka_each_equal_to_its_row_and_one_trace_per_event(string rowLookup)
    {
        const int count = 30;
        var connectionString = await mysql.Server.CreateDatabaseAsync("e2e");
        var seederOut = new StringWriter();
        var seederErr = new StringWriter();
        var seeded = await SeederCli.RunAsync(["--connection", connectionString], seederOut, seederErr);
        Assert.True(seeded == 0, $"The seeder failed ({seeded}): {seederErr}");

        var prefix = UniqueName.For("e2e");
        string[] suffixes = ["pin", "geo", "user"];
        foreach (var suffix in suffixes)
        {
            kafka.Broker.CreateTopic($"{prefix}.{suffix}", 1);
        }

        await using var proxy = RestProxyServer.Start(kafka.BootstrapServers);
        var emitter = EmitterTestHost.Create(new Dictionary<string, string?>
        {
            ["ConnectionStrings:pinterest"] = connectionString,
            ["Emitter:ApiBaseUrl"] = proxy.BaseUrl,
            ["Pipeline:TopicPrefix"] = prefix,
            ["Emitter:Seed"] = "100",
            ["Emitter:MaxDelay"] = "00:00:00",
            ["Emitter:Count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Emitter:Concurrency"] = "4",
            ["Emitter:RowLookup"] = rowLookup,
        });

        await emitter.RunToCompletionAsync();

        var totals = emitter.Stats.Snapshot();
        Assert.Equal((count, 3L * count, 0L, 0L), (totals.Events, totals.PostsOk, totals.PostsRejected, totals.PostsFailed));

        var records = suffixes.ToDictionary(s => s, s => ReadAll($"{prefix}.{s}", count));
        var byTrace = records.SelectMany(t => t.Value.Select(r => (Topic: t.Key, r.TraceId, r.Value))).GroupBy(r => r.TraceId).ToArray();
        Assert.Equal(count, byTrace.Length);
        var keys = new List<int>();
        foreach (var posted in byTrace)
        {
            var pin = posted.Single(r => r.Topic == "pin").Value;
            var geo = posted.Single(r => r.Topic == "geo").Value;
            var user = posted.Single(r => r.Topic == "user").Value;
            var key = pin.GetProperty("index").GetInt32();
            Assert.Equal(key, geo.GetProperty("ind").GetInt32());
            Assert.Equal(key, user.GetProperty("ind").GetInt32());
            keys.Add(key);

            await RowAssert.EqualsRowAsync(connectionString, "pinterest_data", "index", pin);
            await RowAssert.EqualsRowAsync(connectionString, "geolocation_data", "ind", geo);
            await RowAssert.EqualsRowAsync(connectionString, "user_data", "ind", user);
        }

        // The Seeder's keys are 0..11000, so the row at offset n has key n: the posted keys are the seed's offsets.
        Assert.Equal(PlannedOffsets.For(100, 11000, count).Select(o => (int)o).Order(), keys.Order());
    }

    private List<(string TraceId, JsonElement Value)> ReadAll(string topic, int expected)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = UniqueName.For("e2e-reader"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        var partition = new TopicPartition(topic, 0);
        var high = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High;
        Assert.Equal(expected, high.Value);

        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        var records = new List<(string, JsonElement)>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (records.Count < expected && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message is { } message)
            {
                Assert.True(message.Headers.TryGetLastBytes("traceparent", out var traceparent), $"A record in {topic} has no traceparent header.");
                using var value = JsonDocument.Parse(message.Value);
                records.Add((Encoding.UTF8.GetString(traceparent).Split('-')[1], value.RootElement.Clone()));
            }
        }

        Assert.Equal(expected, records.Count);
        return records;
    }
}
