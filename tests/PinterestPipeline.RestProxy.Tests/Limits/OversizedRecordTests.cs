using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using PinterestPipeline.RestProxy.Tests.Infrastructure;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;

namespace PinterestPipeline.RestProxy.Tests.Limits;

/// <summary>Records larger than the producer's message.max.bytes are refused before they are produced, checked with a real consumer.</summary>
public sealed class OversizedRecordTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    /// <summary>The proxy's documented producer limit: 1 MiB of data plus 16 KiB (README, "Compared with real Kinesis").</summary>
    private const int MessageMaxBytes = (1024 + 16) * 1024;

    [Fact]
    public async Task A_record_over_the_limit_gets_50002_and_is_not_produced_while_the_others_are()
    {
        var topic = kafka.CreateTopic("rp-big");
        using var proxy = await RestProxyProcess.StartAsync(kafka.BootstrapServers);
        using var client = proxy.CreateClient();
        var tooLarge = new string('x', MessageMaxBytes);
        var justUnder = new string('y', 1_000_000);
        var body = $$"""{"records":[{"value":"first"},{"value":"{{tooLarge}}"},{"value":"{{justUnder}}"},{"value":"last"}]}""";

        using var response = await client.SendAsync(RestProxyApp.Post($"/topics/{topic}", body));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var document = JsonDocument.Parse(text);
        var offsets = document.RootElement.GetProperty("offsets").EnumerateArray().ToList();
        Assert.Equal(4, offsets.Count);
        Assert.Equal(JsonValueKind.Null, offsets[1].GetProperty("offset").ValueKind);
        Assert.Equal(JsonValueKind.Null, offsets[1].GetProperty("partition").ValueKind);
        Assert.Equal(50002, offsets[1].GetProperty("error_code").GetInt32());
        Assert.Contains("message.max.bytes", offsets[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        foreach (var i in new[] { 0, 2, 3 })
        {
            Assert.Equal(JsonValueKind.Null, offsets[i].GetProperty("error_code").ValueKind);
        }

        Assert.Equal([0L, 1L, 2L], new[] { 0, 2, 3 }.Select(i => offsets[i].GetProperty("offset").GetInt64()));
        var stored = ReadAll(topic);
        Assert.Equal(["\"first\"", "\"" + justUnder + "\"", "\"last\""], stored);
    }

    [Fact]
    public async Task A_request_of_only_records_over_the_limit_is_413_and_produces_nothing()
    {
        var topic = kafka.CreateTopic("rp-big");
        using var proxy = await RestProxyProcess.StartAsync(kafka.BootstrapServers);
        using var client = proxy.CreateClient();
        var tooLarge = Convert.ToBase64String(new byte[MessageMaxBytes]);
        var body = $$"""{"records":[{"value":"{{tooLarge}}"},{"key":"a2V5","value":"{{tooLarge}}"}]}""";

        using var response = await client.SendAsync(RestProxyApp.Post($"/topics/{topic}", body, RestProxyApp.Binary));

        var message = await Envelope.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, 413);
        Assert.Contains("message.max.bytes", message, StringComparison.Ordinal);
        using var small = await client.SendAsync(RestProxyApp.Post($"/topics/{topic}", """{"records":[{"value":"a2V5"}]}""", RestProxyApp.Binary));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(["key"], ReadAll(topic));
    }

    /// <summary>Every record of partition 0, read to its end with a real consumer.</summary>
    private List<string> ReadAll(string topic)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = UniqueName.For("reader"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchMaxBytes = 64 * 1024 * 1024,
            MessageMaxBytes = 64 * 1024 * 1024,
        };
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var values = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                break;
            }

            values.Add(Encoding.UTF8.GetString(result.Message.Value));
        }

        consumer.Close();
        return values;
    }
}
