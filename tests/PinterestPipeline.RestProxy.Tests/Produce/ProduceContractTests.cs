using System.Net;
using System.Text;
using System.Text.Json;
using PinterestPipeline.RestProxy.Tests.Infrastructure;

namespace PinterestPipeline.RestProxy.Tests.Produce;

public sealed class ProduceContractTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task Success_answer_writes_every_null_and_uses_the_v2_media_type()
    {
        var topic = fixture.CreateTopic();

        using var response = await fixture.App.PostAsync($"/topics/{topic}", """{"records":[{"value":{"a":1}}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.kafka.v2+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """{"offsets":[{"partition":0,"offset":0,"error_code":null,"error":null}],"key_schema_id":null,"value_schema_id":null}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Offsets_come_back_in_request_order()
    {
        var topic = fixture.CreateTopic(partitions: 3);
        var body = """{"records":[{"value":0,"partition":2},{"value":1,"partition":0},{"value":2,"partition":2},{"value":3,"partition":1},{"value":4,"partition":2}]}""";

        using var response = await fixture.App.PostAsync($"/topics/{topic}", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var offsets = await OffsetsAsync(response);
        Assert.Equal([(2, 0L), (0, 0L), (2, 1L), (1, 0L), (2, 2L)], offsets);
    }

    [Fact]
    public async Task Json_values_reach_kafka_compact_with_key_order_number_text_and_unicode_as_sent()
    {
        var topic = fixture.CreateTopic();
        var body = "{ \"records\" : [ { \"key\" : { \"z\" : 1 , \"a\" : [ 1.50 , 2 ] } ,\n \"value\" : {\n  \"ind\": 7528,\n  \"timestamp\": \"2020-08-28 03:52:47\",\n  \"latitude\": -89.9787,\n  \"longitude\": -173.293,\n  \"big\": 12345678901234567890123,\n  \"exp\": 1E+5,\n  \"raw\": \"Ünïcødé 日本 🎉\",\n  \"escaped\": \"caf\\u00e9 \\\"q\\\" \\\\ \\/ tab\\t\",\n  \"spaces\": \"  in  side  \",\n  \"nested\": {\"b\": null, \"a\": [true, false, {}, []]}\n } } , { \"value\" : \"just a string\" } , { \"value\" : -0.0 } , { \"value\" : null } ] }";

        using var response = await fixture.App.PostAsync($"/topics/{topic}", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var records = KafkaReader.Read(fixture.Broker.BootstrapServers, topic, 0, 4);
        Assert.Equal("{\"z\":1,\"a\":[1.50,2]}", Encoding.UTF8.GetString(records[0].Message.Key!));
        Assert.Equal(
            "{\"ind\":7528,\"timestamp\":\"2020-08-28 03:52:47\",\"latitude\":-89.9787,\"longitude\":-173.293,\"big\":12345678901234567890123,\"exp\":1E+5,\"raw\":\"Ünïcødé 日本 🎉\",\"escaped\":\"caf\\u00e9 \\\"q\\\" \\\\ \\/ tab\\t\",\"spaces\":\"  in  side  \",\"nested\":{\"b\":null,\"a\":[true,false,{},[]]}}",
            Encoding.UTF8.GetString(records[0].Message.Value!));
        Assert.Null(records[1].Message.Key);
        Assert.Equal("\"just a string\"", Encoding.UTF8.GetString(records[1].Message.Value!));
        Assert.Equal("-0.0", Encoding.UTF8.GetString(records[2].Message.Value!));
        Assert.Null(records[3].Message.Value);
    }

    [Fact]
    public async Task The_course_emitters_pin_post_lands_byte_for_byte()
    {
        var topic = fixture.CreateTopic();
        // What user_posting_emulation.py sends: json.dumps with its default separators and ensure_ascii.
        var row = "{\"index\": 7528, \"unique_id\": \"fbe53c66-3442-4773-b19e-d3ec6f54dddf\", \"title\": \"No Title Data Available\", \"description\": \"No description available Story format\", \"poster_name\": \"User Info Error\", \"follower_count\": \"User Info Error\", \"tag_list\": \"N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e\", \"is_image_or_video\": \"multi-video(story page format)\", \"image_src\": \"Image src error.\", \"downloaded\": 0, \"save_location\": \"Local save in /data/mens-fashion\", \"category\": \"mens-fashion\"}";
        var body = "{\"records\": [{\"value\": " + row + "}]}";

        using var response = await fixture.App.PostAsync($"/topics/{topic}", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(KafkaReader.Read(fixture.Broker.BootstrapServers, topic, 0, 1));
        var expected = "{\"index\":7528,\"unique_id\":\"fbe53c66-3442-4773-b19e-d3ec6f54dddf\",\"title\":\"No Title Data Available\",\"description\":\"No description available Story format\",\"poster_name\":\"User Info Error\",\"follower_count\":\"User Info Error\",\"tag_list\":\"N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e\",\"is_image_or_video\":\"multi-video(story page format)\",\"image_src\":\"Image src error.\",\"downloaded\":0,\"save_location\":\"Local save in /data/mens-fashion\",\"category\":\"mens-fashion\"}";
        Assert.Equal(expected, Encoding.UTF8.GetString(record.Message.Value!));
    }

    [Fact]
    public async Task Binary_keys_and_values_reach_kafka_as_the_decoded_bytes()
    {
        var topic = fixture.CreateTopic();
        byte[] key = [0x00, 0xff, 0xfe, 0x80, 0x41];
        byte[] value = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];
        var body = $$"""{"records":[{"key":"{{Convert.ToBase64String(key)}}","value":"{{Convert.ToBase64String(value)}}"},{"value":""},{"key":null,"value":null}]}""";

        using var response = await fixture.App.PostAsync($"/topics/{topic}", body, RestProxyApp.Binary);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var records = KafkaReader.Read(fixture.Broker.BootstrapServers, topic, 0, 3);
        Assert.Equal(key, records[0].Message.Key);
        Assert.Equal(value, records[0].Message.Value);
        Assert.Empty(records[1].Message.Value!);
        Assert.Null(records[2].Message.Value);
    }

    [Fact]
    public async Task Partition_path_produces_every_record_to_that_partition()
    {
        var topic = fixture.CreateTopic(partitions: 4);

        using var response = await fixture.App.PostAsync($"/topics/{topic}/partitions/3", """{"records":[{"key":"a","value":1},{"key":"b","value":2}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([(3, 0L), (3, 1L)], await OffsetsAsync(response));
    }

    [Theory]
    [InlineData(RestProxyApp.Json)]
    [InlineData(RestProxyApp.Binary)]
    public async Task Keyed_records_land_on_the_java_clients_murmur2_partition(string contentType)
    {
        const int partitions = 7;
        var topic = fixture.CreateTopic(partitions);
        var keys = Enumerable.Range(0, 40).Select(i => $"user-{i * 7919}").ToArray();
        var records = keys.Select(k => contentType == RestProxyApp.Json
            ? $$"""{"key":"{{k}}","value":1}"""
            : $$"""{"key":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(k))}}","value":"AQ=="}""");

        using var response = await fixture.App.PostAsync($"/topics/{topic}", $$"""{"records":[{{string.Join(',', records)}}]}""", contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var offsets = await OffsetsAsync(response);
        var landed = offsets.Select(o => o.Partition).ToArray();
        // The JSON format's key is the key's JSON text (with quotes); the binary format's is the raw bytes.
        var expected = keys
            .Select(k => Encoding.UTF8.GetBytes(contentType == RestProxyApp.Json ? $"\"{k}\"" : k))
            .Select(bytes => Murmur2.Partition(bytes, partitions))
            .ToArray();
        Assert.Equal(expected, landed);
        Assert.True(expected.Distinct().Count() > 3, "the keys should spread over several partitions");
    }

    [Fact]
    public async Task Unkeyed_records_without_a_partition_spread_and_all_succeed()
    {
        var topic = fixture.CreateTopic(partitions: 4);
        var body = "{\"records\":[" + string.Join(',', Enumerable.Range(0, 100).Select(i => $"{{\"value\":{i}}}")) + "]}";

        using var response = await fixture.App.PostAsync($"/topics/{topic}", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var offsets = await OffsetsAsync(response);
        Assert.Equal(100, offsets.Count);
        Assert.All(offsets, o => Assert.InRange(o.Partition, 0, 3));
    }

    internal static async Task<List<(int Partition, long Offset)>> OffsetsAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return
        [
            .. document.RootElement.GetProperty("offsets").EnumerateArray().Select(o =>
            {
                Assert.Equal(JsonValueKind.Null, o.GetProperty("error_code").ValueKind);
                Assert.Equal(JsonValueKind.Null, o.GetProperty("error").ValueKind);
                return (o.GetProperty("partition").GetInt32(), o.GetProperty("offset").GetInt64());
            }),
        ];
    }
}
