using System.Net;
using System.Text;
using Confluent.Kafka;
using PinterestPipeline.RestProxy.Tests.Infrastructure;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.RestProxy.Tests.Idempotency;

/// <summary>Requests with an <c>Idempotency-Key</c> header, against a real broker whose topics are read back.</summary>
public sealed class IdempotentProduceTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private const string Body = """{"records":[{"value":{"a":1}},{"value":{"b":2}}]}""";

    [Fact]
    public async Task A_repeated_key_gets_the_first_answer_and_the_topic_holds_the_records_once_with_the_key_in_their_headers()
    {
        var topic = fixture.CreateTopic(partitions: 3);

        var first = await PostAsync(topic, Body, "run1-1-pin");
        var second = await PostAsync(topic, Body, "run1-1-pin");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, second.Status));
        Assert.Equal(first.Text, second.Text);
        var records = ReadAll(topic, 3);
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal("run1-1-pin", Header(r, "idempotency-key")));
        Assert.Equal(["0/2", "1/2"], records.Select(r => Header(r, "idempotency-record")).Order());
    }

    [Fact]
    public async Task Requests_without_a_key_or_with_different_keys_are_each_produced()
    {
        var topic = fixture.CreateTopic();

        await PostAsync(topic, Body, null);
        await PostAsync(topic, Body, null);
        await PostAsync(topic, Body, "a");
        var last = await PostAsync(topic, Body, "b");

        Assert.Equal(HttpStatusCode.OK, last.Status);
        var records = ReadAll(topic, 1);
        Assert.Equal(8, records.Count);
        Assert.Equal(4, records.Count(r => !r.Message.Headers.TryGetLastBytes("idempotency-key", out _)));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_produce_once_and_all_get_its_offsets()
    {
        var topic = fixture.CreateTopic(partitions: 2);

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => PostAsync(topic, Body, "same")));

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, answers[0].Text), (a.Status, a.Text)));
        Assert.Equal(2, ReadAll(topic, 2).Count);
    }

    [Fact]
    public async Task A_key_reused_for_another_number_of_records_is_422_and_a_malformed_key_400_and_nothing_more_is_produced()
    {
        var topic = fixture.CreateTopic();
        await PostAsync(topic, Body, "k");

        var reused = await PostAsync(topic, """{"records":[{"value":1}]}""", "k");
        var tooLong = await PostAsync(topic, Body, new string('x', 256));
        var control = await PostAsync(topic, Body, "has space");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Status);
        Assert.Equal(
            """{"error_code":422,"message":"Unprocessable Entity: the Idempotency-Key k was first used for a request of 2 record(s), this one has 1; a key names one request."}""",
            reused.Text);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Equal("""{"error_code":400,"message":"Bad Request: the Idempotency-Key header must be one value of 1 to 255 visible ASCII characters."}""", tooLong.Text);
        Assert.Equal(HttpStatusCode.BadRequest, control.Status);
        Assert.Equal(2, ReadAll(topic, 1).Count);
    }

    [Fact]
    public async Task A_repeated_PutRecord_key_gets_the_first_sequence_number_and_the_stream_holds_the_record_once()
    {
        var stream = fixture.CreateStream(shards: 2);
        var body = Kinesis.RecordBody("""{"index":1}""", "partition-1");

        var answers = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 3; i++)
        {
            using var request = RestProxyApp.Send(HttpMethod.Put, $"/streams/{stream}/record", body);
            request.Headers.Add("Idempotency-Key", "run1-1-pin");
            using var response = await fixture.Client.SendAsync(request);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, answers[0].Item2), a));
        var shard = Kinesis.ExpectedShard("partition-1", 2);
        var record = Assert.Single(ReadAll(stream, 2));
        Assert.Equal($$"""{"SequenceNumber":"{{Kinesis.SequenceNumber(shard, record.Offset.Value)}}","ShardId":"{{Kinesis.ShardId(shard)}}"}""", answers[0].Item2);
    }

    private async Task<(HttpStatusCode Status, string Text)> PostAsync(string topic, string body, string? key)
    {
        using var request = RestProxyApp.Post($"/topics/{topic}", body);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        using var response = await fixture.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string? Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.ASCII.GetString(value) : null;

    /// <summary>Every record of every partition, read to the partitions' ends.</summary>
    private List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = fixture.Broker.BootstrapServers,
            GroupId = UniqueName.For("reader"),
            EnableAutoCommit = false,
        }).Build();
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        for (var p = 0; p < partitions; p++)
        {
            var high = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value;
            if (high > 0)
            {
                records.AddRange(KafkaReader.Read(fixture.Broker.BootstrapServers, topic, p, (int)high));
            }
        }

        return records;
    }
}
