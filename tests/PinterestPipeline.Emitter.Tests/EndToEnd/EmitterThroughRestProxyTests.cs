using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using PinterestPipeline.Emitter.Tests.Infrastructure;
using PinterestPipeline.Seeder;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;
using PinterestPipeline.TestSupport.MySql;

namespace PinterestPipeline.Emitter.Tests.EndToEnd;

/// <summary>
/// MariaDB seeded by the real Seeder → the emitter → the real REST proxy over HTTP (its <c>/topics</c> and its
/// <c>/streams</c>) → a real Kafka-protocol broker.
/// </summary>
[Collection(EmitterRuns.Name)]
public sealed class EmitterThroughRestProxyTests(MySqlFixture mysql, KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    [Theory]
    [InlineData("Offset")]
    [InlineData("KeyIndex")]
    public async Task Count_N_puts_exactly_3N_records_in_Kafka_each_equal_to_its_row_and_one_trace_per_event(string rowLookup)
    {
        const int count = 30;
        var connectionString = await SeededDatabaseAsync();
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

        var records = suffixes.ToDictionary(s => s, s => ReadAll($"{prefix}.{s}", count).Select(r => (r.TraceId, Value: Json(r.Value))).ToList());
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

    [Theory]
    [InlineData("String")]
    [InlineData("Object")]
    public async Task Streams_Count_N_puts_exactly_N_records_in_each_stream_each_the_row_at_its_offset_and_one_trace_per_event(string streamData)
    {
        const int count = 30;
        var connectionString = await SeededDatabaseAsync();
        var prefix = UniqueName.For("e2e");
        foreach (var (suffix, _, _, _) in StreamTables.All)
        {
            kafka.Broker.CreateTopic($"streaming-{prefix}-{suffix}", 1);
        }

        await using var proxy = RestProxyServer.Start(kafka.BootstrapServers);
        var emitter = EmitterTestHost.Create(EmitterSettings.For(connectionString, proxy.BaseUrl, prefix, 11000, count,
            ("Emitter:Target", "Streams"), ("Emitter:StreamData", streamData), ("Emitter:Concurrency", "4")));

        await emitter.RunToCompletionAsync();

        var totals = emitter.Stats.Snapshot();
        Assert.Equal((count, 3L * count, 0L, 0L), (totals.Events, totals.PostsOk, totals.PostsRejected, totals.PostsFailed));
        var records = StreamTables.All
            .SelectMany(t => ReadAll($"streaming-{prefix}-{t.Suffix}", count).Select(r => (Table: t, r.TraceId, r.Key, r.Value)))
            .ToList();
        var keys = new List<int>();
        foreach (var posted in records.GroupBy(r => r.TraceId))
        {
            // One trace per event, holding one record of each stream, keyed by the seed's partition key.
            Assert.Equal(StreamTables.All.Select(t => t.Suffix).Order(), posted.Select(r => r.Table.Suffix).Order());
            var rows = new Dictionary<string, JsonElement>();
            foreach (var (table, _, key, value) in posted)
            {
                Assert.Equal(table.PartitionKey, key);
                // The stored bytes are the JSON text of Data: a string literal to decode twice, or the object itself.
                var data = Json(value);
                var row = streamData == "String" ? Json(Encoding.UTF8.GetBytes(data.GetString()!)) : data;
                Assert.Equal(JsonValueKind.Object, row.ValueKind);
                await RowAssert.EqualsRowAsync(connectionString, table.Table, table.Key, row, streams: true);
                rows[table.Suffix] = row;
            }

            var index = rows["pin"].GetProperty("index").GetInt32();
            Assert.Equal((index, index), (rows["geo"].GetProperty("ind").GetInt32(), rows["user"].GetProperty("ind").GetInt32()));
            keys.Add(index);
        }

        Assert.Equal(count, keys.Count);
        Assert.Equal(PlannedOffsets.For(100, 11000, count).Select(o => (int)o).Order(), keys.Order());
    }

    private async Task<string> SeededDatabaseAsync()
    {
        var connectionString = await mysql.Server.CreateDatabaseAsync("e2e");
        var seederErr = new StringWriter();
        var seeded = await SeederCli.RunAsync(["--connection", connectionString], new StringWriter(), seederErr);
        Assert.True(seeded == 0, $"The seeder failed ({seeded}): {seederErr}");
        return connectionString;
    }

    private static JsonElement Json(byte[] value)
    {
        using var document = JsonDocument.Parse(value);
        return document.RootElement.Clone();
    }

    /// <summary>Every record of the topic's only partition, which must hold exactly <paramref name="expected"/>.</summary>
    private List<(string TraceId, string? Key, byte[] Value)> ReadAll(string topic, int expected)
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
        var records = new List<(string, string?, byte[])>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (records.Count < expected && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message is { } message)
            {
                Assert.True(message.Headers.TryGetLastBytes("traceparent", out var traceparent), $"A record in {topic} has no traceparent header.");
                var key = message.Key is null ? null : Encoding.UTF8.GetString(message.Key);
                records.Add((Encoding.UTF8.GetString(traceparent).Split('-')[1], key, message.Value));
            }
        }

        Assert.Equal(expected, records.Count);
        return records;
    }
}
