using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PinterestPipeline.RestProxy.Tests.Infrastructure;

namespace PinterestPipeline.RestProxy.Tests.Streams;

public sealed class ReadTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task Get_shard_iterator_answers_only_an_iterator()
    {
        var stream = fixture.CreateStream(shards: 2);

        using var response = await fixture.Client.GetAsync($"/streams/{stream}/sharditerator?shard-id=shardId-000000000001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var property = Assert.Single(document.RootElement.EnumerateObject());
        Assert.Equal("ShardIterator", property.Name);
        Assert.InRange(property.Value.GetString()!.Length, 1, 512);
    }

    [Fact]
    public async Task Get_records_gives_back_the_stored_bytes_of_a_string_and_an_object_data()
    {
        var stream = fixture.CreateStream();
        var before = DateTimeOffset.UtcNow;
        const string stringData = "\"{\\\"index\\\": 7528, \\\"title\\\": \\\"caf\\u00e9\\\"}\"";
        using (var put = await fixture.App.PutAsync($"/streams/{stream}/record", Kinesis.RecordBody(stringData, "partition-1")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using (var put = await fixture.App.PutAsync($"/streams/{stream}/record", "{\"Data\": {\"ind\": 1, \"lat\": -89.9787}, \"PartitionKey\": \"partition-2\"}"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var after = DateTimeOffset.UtcNow;
        var consumed = KafkaReader.Read(fixture.Broker.BootstrapServers, stream, 0, 2);

        using var page = await GetRecordsAsync(fixture.Client, stream, await IteratorAsync(fixture.Client, stream, 0));

        var records = page.RootElement.GetProperty("Records").EnumerateArray().ToArray();
        Assert.Equal(2, records.Length);
        Assert.Equal(["SequenceNumber", "ApproximateArrivalTimestamp", "Data", "PartitionKey"], records[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(Encoding.UTF8.GetBytes(stringData), records[0].GetProperty("Data").GetBytesFromBase64());
        Assert.Equal(Encoding.UTF8.GetBytes("{\"ind\":1,\"lat\":-89.9787}"), records[1].GetProperty("Data").GetBytesFromBase64());
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(consumed[i].Message.Value, records[i].GetProperty("Data").GetBytesFromBase64());
            Assert.Equal(Kinesis.SequenceNumber(0, consumed[i].Offset.Value), records[i].GetProperty("SequenceNumber").GetString());
            var arrival = records[i].GetProperty("ApproximateArrivalTimestamp").GetDouble();
            Assert.Equal(consumed[i].Message.Timestamp.UnixTimestampMs / 1000.0, arrival);
            Assert.InRange(arrival, (before.ToUnixTimeMilliseconds() - 1) / 1000.0, (after.ToUnixTimeMilliseconds() + 1) / 1000.0);
        }

        Assert.Equal("partition-1", records[0].GetProperty("PartitionKey").GetString());
        Assert.Equal("partition-2", records[1].GetProperty("PartitionKey").GetString());
        Assert.Equal(0, page.RootElement.GetProperty("MillisBehindLatest").GetInt64());
        Assert.False(string.IsNullOrEmpty(page.RootElement.GetProperty("NextShardIterator").GetString()));
    }

    [Fact]
    public async Task Pages_resume_exactly_where_the_previous_one_ended_and_an_iterator_can_be_read_again()
    {
        await using var app = new RestProxyApp(fixture.Broker.BootstrapServers, new Dictionary<string, string?> { ["RestProxy:Streams:GetRecordsLimit"] = "3" });
        var client = app.CreateClient();
        var stream = fixture.CreateStream();
        await PutManyAsync(client, stream, 0, 10);

        var iterator = await IteratorAsync(client, stream, 0);
        var seen = new List<string>();
        var sizes = new List<int>();
        string? second = null;
        for (var page = 0; page < 5; page++)
        {
            using var document = await GetRecordsAsync(client, stream, iterator);
            var records = document.RootElement.GetProperty("Records").EnumerateArray().ToArray();
            sizes.Add(records.Length);
            seen.AddRange(records.Select(r => Encoding.UTF8.GetString(r.GetProperty("Data").GetBytesFromBase64())));
            if (page >= 3)
            {
                // The fourth page reaches the tip.
                Assert.Equal(0, document.RootElement.GetProperty("MillisBehindLatest").GetInt64());
            }

            iterator = document.RootElement.GetProperty("NextShardIterator").GetString()!;
            if (page == 0)
            {
                second = iterator;
            }
        }

        Assert.Equal([3, 3, 3, 1, 0], sizes);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{{\"n\":{i}}}"), seen);

        // The iterator of an empty page at the tip picks up what arrives later, and no more.
        await PutManyAsync(client, stream, 10, 2);
        using (var later = await GetRecordsAsync(client, stream, iterator))
        {
            Assert.Equal(["{\"n\":10}", "{\"n\":11}"], later.RootElement.GetProperty("Records").EnumerateArray().Select(r => Encoding.UTF8.GetString(r.GetProperty("Data").GetBytesFromBase64())));
        }

        // Iterators carry their position: the second page's iterator gives the second page again.
        using var again = await GetRecordsAsync(client, stream, second!);
        Assert.Equal(["{\"n\":3}", "{\"n\":4}", "{\"n\":5}"], again.RootElement.GetProperty("Records").EnumerateArray().Select(r => Encoding.UTF8.GetString(r.GetProperty("Data").GetBytesFromBase64())));
    }

    [Fact]
    public async Task Millis_behind_latest_is_the_age_of_the_last_record_returned_while_more_remain()
    {
        await using var app = new RestProxyApp(fixture.Broker.BootstrapServers, new Dictionary<string, string?> { ["RestProxy:Streams:GetRecordsLimit"] = "1" });
        var client = app.CreateClient();
        var stream = fixture.CreateStream();
        await PutManyAsync(client, stream, 0, 2);
        await Task.Delay(300);

        using var first = await GetRecordsAsync(client, stream, await IteratorAsync(client, stream, 0));
        using var last = await GetRecordsAsync(client, stream, first.RootElement.GetProperty("NextShardIterator").GetString()!);

        var arrival = first.RootElement.GetProperty("Records")[0].GetProperty("ApproximateArrivalTimestamp").GetDouble();
        var behind = first.RootElement.GetProperty("MillisBehindLatest").GetInt64();
        Assert.InRange(behind, 300, (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)(arrival * 1000)) + 1);
        Assert.Equal(0, last.RootElement.GetProperty("MillisBehindLatest").GetInt64());
    }

    [Fact]
    public async Task An_empty_shard_answers_no_records_and_its_next_iterator_sees_the_first_one()
    {
        var stream = fixture.CreateStream(shards: 2);

        using var empty = await GetRecordsAsync(fixture.Client, stream, await IteratorAsync(fixture.Client, stream, 1));
        Assert.Empty(empty.RootElement.GetProperty("Records").EnumerateArray());
        Assert.Equal(0, empty.RootElement.GetProperty("MillisBehindLatest").GetInt64());

        var key = Enumerable.Range(0, 100).Select(i => $"k{i}").First(k => Kinesis.ExpectedShard(k, 2) == 1);
        using (var put = await fixture.App.PutAsync($"/streams/{stream}/record", Kinesis.RecordBody("\"first\"", key)))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var next = await GetRecordsAsync(fixture.Client, stream, empty.RootElement.GetProperty("NextShardIterator").GetString()!);
        var record = Assert.Single(next.RootElement.GetProperty("Records").EnumerateArray());
        Assert.Equal(Kinesis.SequenceNumber(1, 0), record.GetProperty("SequenceNumber").GetString());
    }

    [Fact]
    public async Task An_iterator_older_than_five_minutes_has_expired()
    {
        var clock = new ShiftedTime();
        await using var app = new RestProxyApp(fixture.Broker.BootstrapServers, services: s => s.AddSingleton<TimeProvider>(clock));
        var client = app.CreateClient();
        var stream = fixture.CreateStream();
        var iterator = await IteratorAsync(client, stream, 0);

        clock.Shift = TimeSpan.FromMinutes(4.9);
        using var young = await client.SendAsync(GetRecordsRequest(stream, iterator));
        clock.Shift = TimeSpan.FromMinutes(5.1);
        using var old = await client.SendAsync(GetRecordsRequest(stream, iterator));

        Assert.Equal(HttpStatusCode.OK, young.StatusCode);
        var message = await Kinesis.AssertErrorAsync(old, HttpStatusCode.BadRequest, "ExpiredIteratorException");
        Assert.Matches(@"^Iterator expired\. The iterator was created at time \w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4} while right now it is .+ which is further in the future than the tolerated delay of 300000 milliseconds\.$", message);
    }

    [Fact]
    public async Task Another_streams_iterator_is_refused()
    {
        var first = fixture.CreateStream();
        var second = fixture.CreateStream();
        var iterator = await IteratorAsync(fixture.Client, first, 0);

        using var response = await fixture.Client.SendAsync(GetRecordsRequest(second, iterator));

        var message = await Kinesis.AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgumentException");
        Assert.Equal($"Invalid ShardIterator: it was issued for stream {first}, not {second}.", message);
    }

    [Fact]
    public async Task Garbled_truncated_or_tampered_iterators_are_refused()
    {
        var stream = fixture.CreateStream();
        var iterator = await IteratorAsync(fixture.Client, stream, 0);
        var tampered = iterator[..20] + (iterator[20] == 'A' ? 'B' : 'A') + iterator[21..];
        string[] bad = ["garbage", iterator[..^3], tampered, iterator + "AAAA", "!!!!", Convert.ToBase64String(Encoding.UTF8.GetBytes(stream))];

        foreach (var candidate in bad)
        {
            using var response = await fixture.Client.SendAsync(GetRecordsRequest(stream, candidate));
            Assert.Equal("Invalid ShardIterator.", await Kinesis.AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgumentException"));
        }
    }

    [Fact]
    public async Task A_missing_or_overlong_iterator_is_a_validation_error()
    {
        var stream = fixture.CreateStream();

        using var missing = await fixture.Client.GetAsync($"/streams/{stream}/records");
        using var overlong = await fixture.Client.SendAsync(GetRecordsRequest(stream, new string('A', 513)));

        Assert.EndsWith("Value '' at 'shardIterator' failed to satisfy constraint: Member must have length greater than or equal to 1",
            await Kinesis.AssertErrorAsync(missing, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
        Assert.EndsWith("at 'shardIterator' failed to satisfy constraint: Member must have length less than or equal to 512",
            await Kinesis.AssertErrorAsync(overlong, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "ValidationException", "Value '' at 'shardId' failed to satisfy constraint: Member must have length greater than or equal to 1")]
    [InlineData("shard 1", "ValidationException", "Value 'shard 1' at 'shardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")]
    [InlineData("7", "ResourceNotFoundException", "Could not find shard 7 in stream {stream} under account 000000000000.")]
    [InlineData("shardId-000000000002", "ResourceNotFoundException", "Shard shardId-000000000002 in stream {stream} under account 000000000000 does not exist")]
    public async Task Shard_ids_that_are_malformed_or_beyond_the_shard_count_are_refused(string shardId, string type, string expected)
    {
        var stream = fixture.CreateStream(shards: 2);

        using var response = await fixture.Client.GetAsync($"/streams/{stream}/sharditerator?shard-id={Uri.EscapeDataString(shardId)}");

        var message = await Kinesis.AssertErrorAsync(response, HttpStatusCode.BadRequest, type);
        Assert.EndsWith(expected.Replace("{stream}", stream, StringComparison.Ordinal), message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_shard_id_is_a_validation_error()
    {
        var stream = fixture.CreateStream();

        using var response = await fixture.Client.GetAsync($"/streams/{stream}/sharditerator");

        Assert.EndsWith("Value '' at 'shardId' failed to satisfy constraint: Member must have length greater than or equal to 1",
            await Kinesis.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }

    internal static async Task<string> IteratorAsync(HttpClient client, string stream, int shard)
    {
        using var response = await client.GetAsync($"/streams/{stream}/sharditerator?shard-id={Kinesis.ShardId(shard)}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("ShardIterator").GetString()!;
    }

    internal static HttpRequestMessage GetRecordsRequest(string stream, string iterator)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/streams/{stream}/records");
        request.Headers.TryAddWithoutValidation("Shard-Iterator", iterator);
        return request;
    }

    internal static async Task<JsonDocument> GetRecordsAsync(HttpClient client, string stream, string iterator)
    {
        using var request = GetRecordsRequest(stream, iterator);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text);
    }

    private static async Task PutManyAsync(HttpClient client, string stream, int first, int count)
    {
        var records = Enumerable.Range(first, count).Select(i => $$"""{"data":{"n":{{i}}},"partition-key":"k"}""");
        using var request = RestProxyApp.Send(HttpMethod.Put, $"/streams/{stream}/records", "{\"records\":[" + string.Join(',', records) + "]}");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
