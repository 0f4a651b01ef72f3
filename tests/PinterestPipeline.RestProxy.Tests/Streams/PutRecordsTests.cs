using System.Net;
using System.Text;
using System.Text.Json;
using PinterestPipeline.RestProxy.Tests.Infrastructure;

namespace PinterestPipeline.RestProxy.Tests.Streams;

public sealed class PutRecordsTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task Success_answer_has_one_entry_per_record_in_request_order_on_each_keys_shard()
    {
        const int shards = 3;
        var stream = fixture.CreateStream(shards);
        var keys = Enumerable.Range(0, 12).Select(i => $"key-{i}").ToArray();
        var body = "{\"records\": [" + string.Join(", ", keys.Select((k, i) => $$"""{"data": "record {{i}}", "partition-key": "{{k}}"}""")) + "]}";

        using var response = await fixture.App.PutAsync($"/streams/{stream}/records", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, document.RootElement.GetProperty("FailedRecordCount").GetInt32());
        var entries = document.RootElement.GetProperty("Records").EnumerateArray().ToArray();
        Assert.Equal(keys.Length, entries.Length);
        var nextOffset = new long[shards];
        for (var i = 0; i < keys.Length; i++)
        {
            var shard = Kinesis.ExpectedShard(keys[i], shards);
            Assert.Equal(["SequenceNumber", "ShardId"], entries[i].EnumerateObject().Select(p => p.Name));
            Assert.Equal(Kinesis.ShardId(shard), entries[i].GetProperty("ShardId").GetString());
            Assert.Equal(Kinesis.SequenceNumber(shard, nextOffset[shard]++), entries[i].GetProperty("SequenceNumber").GetString());
        }

        for (var shard = 0; shard < shards; shard++)
        {
            var expected = keys.Select((k, i) => (k, i)).Where(x => Kinesis.ExpectedShard(x.k, shards) == shard).Select(x => $"record {x.i}");
            var stored = KafkaReader.Read(fixture.Broker.BootstrapServers, stream, shard, (int)nextOffset[shard]);
            Assert.Equal(expected, stored.Select(r => Encoding.UTF8.GetString(r.Message.Value!)));
        }
    }

    [Fact]
    public async Task As_the_tutorials_template_a_string_data_is_stored_as_its_text_and_other_values_as_their_json()
    {
        var stream = fixture.CreateStream();
        const string body = """{"records":[{"data":"some data","partition-key":"k"},{"data":"caf\u00e9 \"q\"","partition-key":"k"},{"data":{"a": [1, 2.50]},"partition-key":"k"},{"data":42,"partition-key":"k"}]}""";

        using var response = await fixture.App.PutAsync($"/streams/{stream}/records", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = KafkaReader.Read(fixture.Broker.BootstrapServers, stream, 0, 4).Select(r => Encoding.UTF8.GetString(r.Message.Value!));
        Assert.Equal(["some data", "café \"q\"", "{\"a\":[1,2.50]}", "42"], stored);
    }

    [Fact]
    public async Task As_x_amz_json_the_data_is_base64_and_stored_decoded()
    {
        var stream = fixture.CreateStream();
        byte[] binary = [0x00, 0xff, 0x80, 0x41];
        var body = $$"""{"records":[{"data":"{{Convert.ToBase64String(binary)}}","partition-key":"k"}]}""";

        using var response = await fixture.App.PutAsync($"/streams/{stream}/records", body, "application/x-amz-json-1.1");
        using var invalid = await fixture.App.PutAsync($"/streams/{stream}/records", """{"records":[{"data":"not base64!","partition-key":"k"}]}""", "application/x-amz-json-1.1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(binary, Assert.Single(KafkaReader.Read(fixture.Broker.BootstrapServers, stream, 0, 1)).Message.Value);
        Assert.Contains("base64", await Kinesis.AssertErrorAsync(invalid, HttpStatusCode.BadRequest, "SerializationException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mix_of_valid_and_oversized_records_is_refused_whole_as_kinesis_does_and_nothing_is_stored()
    {
        var stream = fixture.CreateStream();
        var oversized = new string('x', 1024 * 1024 + 1);
        var body = $$"""{"records":[{"data":"small","partition-key":"a"},{"data":"{{oversized}}","partition-key":"b"},{"data":"small too","partition-key":"c"},{"data":"{{oversized}}","partition-key":""}]}""";

        using var refused = await fixture.App.PutAsync($"/streams/{stream}/records", body);

        var message = await Kinesis.AssertErrorAsync(refused, HttpStatusCode.BadRequest, "ValidationException");
        Assert.Equal(
            "3 validation errors detected: " +
            "Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'records.2.member.data' failed to satisfy constraint: Member must have length less than or equal to 1048576; " +
            "Value '' at 'records.4.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
            "Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'records.4.member.data' failed to satisfy constraint: Member must have length less than or equal to 1048576",
            message);

        // Nothing of the refused request reached the stream: the next record is the stream's first.
        using var marker = await fixture.App.PutAsync($"/streams/{stream}/records", """{"records":[{"data":"marker","partition-key":"a"}]}""");
        using (var document = JsonDocument.Parse(await marker.Content.ReadAsStringAsync()))
        {
            Assert.Equal(Kinesis.SequenceNumber(0, 0), document.RootElement.GetProperty("Records")[0].GetProperty("SequenceNumber").GetString());
        }

        Assert.Equal("marker", Encoding.UTF8.GetString(Assert.Single(KafkaReader.Read(fixture.Broker.BootstrapServers, stream, 0, 1)).Message.Value!));
    }

    [Fact]
    public async Task Five_hundred_records_are_accepted_and_501_refused()
    {
        var stream = fixture.CreateStream();
        string Body(int count) => "{\"records\":[" + string.Join(',', Enumerable.Range(0, count).Select(i => $$"""{"data":"{{i}}","partition-key":"k"}""")) + "]}";

        using var accepted = await fixture.App.PutAsync($"/streams/{stream}/records", Body(500));
        using var refused = await fixture.App.PutAsync($"/streams/{stream}/records", Body(501));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(
            "1 validation error detected: Value '[501 records]' at 'records' failed to satisfy constraint: Member must have length less than or equal to 500",
            await Kinesis.AssertErrorAsync(refused, HttpStatusCode.BadRequest, "ValidationException"));
        KafkaReader.Read(fixture.Broker.BootstrapServers, stream, 0, 500);
    }

    [Fact]
    public async Task Records_adding_up_to_5_MiB_are_accepted_and_one_byte_more_is_refused_whole()
    {
        // Three shards, so no partition holds more than the test broker keeps of one (about 5 MB).
        const int shards = 3;
        var stream = fixture.CreateStream(shards);
        // 400 records of 13,106 data bytes and a 1-byte key, and one of 79 + 1: 5,242,880 bytes, Kinesis's limit.
        var keys = Enumerable.Range(0, 401).Select(i => ((char)('a' + (i % 26))).ToString()).ToArray();
        string Body(int lastDataBytes) => "{\"records\":[" +
            string.Join(',', keys[..400].Select(key => $$"""{"data":"{{new string('x', 13_106)}}","partition-key":"{{key}}"}""")) +
            $$""",{"data":"{{new string('y', lastDataBytes)}}","partition-key":"{{keys[400]}}"}]}""";

        using var refused = await fixture.App.PutAsync($"/streams/{stream}/records", Body(80));
        using var accepted = await fixture.App.PutAsync($"/streams/{stream}/records", Body(79));

        Assert.Equal("Records size exceeds 5 MB limit", await Kinesis.AssertErrorAsync(refused, HttpStatusCode.BadRequest, "InvalidArgumentException"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        // The refused request stored nothing: each shard holds just the accepted request's records for its keys.
        var stored = Enumerable.Range(0, shards)
            .Select(shard => KafkaReader.Read(fixture.Broker.BootstrapServers, stream, shard, keys.Count(key => Kinesis.ExpectedShard(key, shards) == shard)))
            .ToArray();
        Assert.Equal(5L * 1024 * 1024, stored.SelectMany(records => records).Sum(r => (long)r.Message.Value!.Length + r.Message.Key!.Length));
        Assert.Equal(new string('y', 79), Encoding.UTF8.GetString(stored[Kinesis.ExpectedShard(keys[400], shards)][^1].Message.Value!));
    }

    [Theory]
    [InlineData("""{"records":[]}""")]
    [InlineData("""{}""")]
    [InlineData("""{"records":null}""")]
    [InlineData("""{"records":{"data":"x","partition-key":"k"}}""")]
    public async Task No_records_is_a_validation_error(string body)
    {
        var stream = fixture.CreateStream();

        using var response = await fixture.App.PutAsync($"/streams/{stream}/records", body);

        var message = await Kinesis.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ValidationException");
        Assert.EndsWith("at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_without_data_or_key_are_named_by_their_position()
    {
        var stream = fixture.CreateStream();

        using var response = await fixture.App.PutAsync($"/streams/{stream}/records", """{"records":[{"data":"ok","partition-key":"k"},{"partition-key":"k"},"not an object"]}""");

        Assert.Equal(
            "3 validation errors detected: Value null at 'records.2.member.data' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'records.3.member.partitionKey' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'records.3.member.data' failed to satisfy constraint: Member must not be null",
            await Kinesis.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ValidationException"));
    }
}
