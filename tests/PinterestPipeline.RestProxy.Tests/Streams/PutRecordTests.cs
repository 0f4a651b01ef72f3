using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using PinterestPipeline.RestProxy.Tests.Infrastructure;

namespace PinterestPipeline.RestProxy.Tests.Streams;

public sealed class PutRecordTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task Success_answer_is_kinesis_putrecord_with_the_sequence_number_of_the_stored_record()
    {
        var stream = fixture.CreateStream(shards: 3);

        using var response = await fixture.App.PutAsync($"/streams/{stream}/record", Kinesis.RecordBody("""{"a":1}""", "partition-1"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var shard = Kinesis.ExpectedShard("partition-1", 3);
        var record = Assert.Single(KafkaReader.Read(fixture.Broker.BootstrapServers, stream, shard, 1));
        Assert.Equal(
            $$"""{"SequenceNumber":"{{Kinesis.SequenceNumber(shard, record.Offset.Value)}}","ShardId":"{{Kinesis.ShardId(shard)}}"}""",
            text);
    }

    [Fact]
    public async Task A_string_data_is_stored_as_its_json_string_literal_quotes_and_escapes_included()
    {
        var stream = fixture.CreateStream();
        const string data = "\"{\\\"index\\\": 7528, \\\"title\\\": \\\"caf\\u00e9 \\\\ tab\\t\\\"}\"";

        using var response = await fixture.App.PutAsync($"/streams/{stream}/record", "{\"StreamName\": \"ignored\", \"Data\": " + data + ", \"PartitionKey\": \"partition-1\"}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(KafkaReader.Read(fixture.Broker.BootstrapServers, stream, 0, 1));
        Assert.Equal(data, Encoding.UTF8.GetString(record.Message.Value!));
        Assert.Equal("partition-1", Encoding.UTF8.GetString(record.Message.Key!));
    }

    [Fact]
    public async Task An_object_data_is_stored_compact_with_key_order_number_text_and_escapes_as_sent()
    {
        var stream = fixture.CreateStream();
        var body = "{ \"PartitionKey\" : \"k\" ,\n  \"Data\" : {\n    \"ind\": 7528, \"timestamp\": \"2020-08-28T03:52:47\",\n    \"latitude\": -89.9787, \"exp\": 1E+5, \"raw\": \"Ünïcødé 日本\", \"esc\": \"caf\\u00e9 \\\"q\\\"\",\n    \"nested\": {\"b\": null, \"a\": [true, 1.50, {}]}\n  }\n}";

        using var response = await fixture.App.PutAsync($"/streams/{stream}/record", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(KafkaReader.Read(fixture.Broker.BootstrapServers, stream, 0, 1));
        Assert.Equal(
            "{\"ind\":7528,\"timestamp\":\"2020-08-28T03:52:47\",\"latitude\":-89.9787,\"exp\":1E+5,\"raw\":\"Ünïcødé 日本\",\"esc\":\"caf\\u00e9 \\\"q\\\"\",\"nested\":{\"b\":null,\"a\":[true,1.50,{}]}}",
            Encoding.UTF8.GetString(record.Message.Value!));
    }

    [Fact]
    public async Task One_partition_key_lands_on_one_shard_across_100_puts_with_increasing_sequence_numbers()
    {
        var stream = fixture.CreateStream(shards: 4);
        var client = fixture.App.CreateClient();
        var answers = new List<(string SequenceNumber, string ShardId)>();

        for (var i = 0; i < 100; i++)
        {
            using var request = RestProxyApp.Send(HttpMethod.Put, $"/streams/{stream}/record", Kinesis.RecordBody($$"""{"i":{{i}}}""", "partition-2"));
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            answers.Add((document.RootElement.GetProperty("SequenceNumber").GetString()!, document.RootElement.GetProperty("ShardId").GetString()!));
        }

        var shard = Kinesis.ExpectedShard("partition-2", 4);
        Assert.All(answers, a => Assert.Equal(Kinesis.ShardId(shard), a.ShardId));
        Assert.Equal(Enumerable.Range(0, 100).Select(o => Kinesis.SequenceNumber(shard, o)), answers.Select(a => a.SequenceNumber));
        var stored = KafkaReader.Read(fixture.Broker.BootstrapServers, stream, shard, 100);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $$"""{"i":{{i}}}"""), stored.Select(r => Encoding.UTF8.GetString(r.Message.Value!)));
    }

    [Fact]
    public async Task The_shard_is_the_one_whose_md5_hash_key_range_holds_the_key()
    {
        const int shards = 7;
        var stream = fixture.CreateStream(shards);
        var client = fixture.App.CreateClient();
        var keys = Enumerable.Range(0, 60).Select(i => i % 3 == 0 ? $"partition-{i}" : i % 3 == 1 ? $"user-{i * 7919}" : $"ключ-{i}-日本").ToArray();

        var landed = new List<int>();
        foreach (var key in keys)
        {
            using var request = RestProxyApp.Send(HttpMethod.Put, $"/streams/{stream}/record", Kinesis.RecordBody("1", key));
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            landed.Add(int.Parse(document.RootElement.GetProperty("ShardId").GetString()!["shardId-".Length..], System.Globalization.CultureInfo.InvariantCulture));
        }

        var expected = keys.Select(k => Kinesis.ExpectedShard(k, shards)).ToArray();
        Assert.Equal(expected, landed);
        Assert.True(expected.Distinct().Count() >= 5, "the keys should spread over most shards");
    }

    [Fact]
    public async Task The_record_carries_the_arrival_time_and_the_requests_trace()
    {
        var stream = fixture.CreateStream();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = RestProxyApp.Send(HttpMethod.Put, $"/streams/{stream}/record", Kinesis.RecordBody("\"x\"", "k"));
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var before = DateTimeOffset.UtcNow;

        using var response = await fixture.Client.SendAsync(request);

        var after = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(KafkaReader.Read(fixture.Broker.BootstrapServers, stream, 0, 1));
        var stamped = record.Message.Timestamp.UtcDateTime;
        Assert.InRange(stamped, before.UtcDateTime.AddMilliseconds(-1), after.UtcDateTime.AddMilliseconds(1));
        var traceparent = Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes("traceparent"));
        Assert.StartsWith($"00-{traceId}-", traceparent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seeds_streaming_request_built_by_python_gets_a_kinesis_200_and_reads_back_as_its_notebook_expects()
    {
        var stream = fixture.CreateStream();
        // user_posting_emulation_stream.py's geo payload: json.dumps of the row (isoformat datetime) as Data, then
        // requests.put(..., json=payload), which is json.dumps of the payload, sent as UTF-8.
        var script = $$"""
            import datetime, json, sys
            row = {"ind": 7528, "timestamp": datetime.datetime(2020, 8, 28, 3, 52, 47), "latitude": -89.9787, "longitude": -173.293, "country": "Albania"}
            payload = {
                "StreamName": "{{stream}}",
                "Data": json.dumps({
                    "ind": row.get("ind", ""),
                    "timestamp": row.get("timestamp", "").isoformat() if row.get("timestamp", None) else None,
                    "latitude": row.get("latitude", ""),
                    "longitude": row.get("longitude", ""),
                    "country": row.get("country", "")
                }),
                "PartitionKey": "partition-2"
            }
            sys.stdout.write(json.dumps(payload) + "\n" + json.dumps(payload["Data"]))
            """;
        var (body, dataLiteral) = await Python.RunAsync(script);

        using var response = await fixture.App.PutAsync($"/streams/{stream}/record", body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var document = JsonDocument.Parse(text))
        {
            Assert.Equal(Kinesis.ShardId(0), document.RootElement.GetProperty("ShardId").GetString());
        }

        var stored = Encoding.UTF8.GetString(Assert.Single(KafkaReader.Read(fixture.Broker.BootstrapServers, stream, 0, 1)).Message.Value!);
        Assert.Equal(dataLiteral, stored);
        Assert.Equal("\"{\\\"ind\\\": 7528, \\\"timestamp\\\": \\\"2020-08-28T03:52:47\\\", \\\"latitude\\\": -89.9787, \\\"longitude\\\": -173.293, \\\"country\\\": \\\"Albania\\\"}\"", stored);
        // The notebook: regexp_replace(data, '\\\\', '') then regexp_replace(data, '^"|"$', '') then from_json.
        var cleaned = stored.Replace("\\", "", StringComparison.Ordinal);
        cleaned = cleaned[1..^1];
        using var row = JsonDocument.Parse(cleaned);
        Assert.Equal(7528, row.RootElement.GetProperty("ind").GetInt32());
        Assert.Equal("2020-08-28T03:52:47", row.RootElement.GetProperty("timestamp").GetString());
        Assert.Equal(-89.9787, row.RootElement.GetProperty("latitude").GetDouble());
        Assert.Equal("Albania", row.RootElement.GetProperty("country").GetString());
    }
}
