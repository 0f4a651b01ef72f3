using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PinterestPipeline.Analytics.Tests.Infrastructure;
using PinterestPipeline.TestSupport.Analytics;
using PinterestPipeline.ServiceDefaults.Streams;
using PinterestPipeline.TestSupport.Kafka;

namespace PinterestPipeline.Analytics.Tests.StreamProcessing;

/// <summary><c>GET /api/streams</c> and <c>GET /api/streams/{table}/rows</c> against the real job and broker.</summary>
public sealed class StreamApiTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private static readonly string[] PinColumns =
        ["ind", "unique_id", "title", "description", "follower_count", "poster_name", "tag_list", "is_image_or_video", "image_src", "save_location", "category", "downloaded"];

    [Fact]
    public async Task The_summary_has_each_tables_rows_recent_rows_rejections_lag_and_newest_rows()
    {
        using var bucket = new TestBucket();
        StreamTestHost.CreateStreams(kafka, bucket);
        using var producer = new StreamProducer(kafka.BootstrapServers);
        var pin = StreamTestHost.Stream(bucket, "pin");
        // Ten records that arrived five minutes ago, twenty now, two that cannot be parsed; seven geo records (the last
        // without coordinates); no users.
        await producer.PutAsync(pin, 0, Pins(0, 10), arrival: DateTimeOffset.UtcNow.AddMinutes(-5));
        await producer.PutAsync(pin, 0, Pins(10, 20));
        await producer.PutAsync(pin, 0, [Encoding.UTF8.GetBytes("{"), Encoding.UTF8.GetBytes("\"[]\"")]);
        await producer.PutAsync(StreamTestHost.Stream(bucket, "geo"), 0, Enumerable.Range(0, 7).Select(i =>
            JsonSerializer.SerializeToUtf8Bytes(i < 6
                ? $$"""{"ind": {{i}}, "timestamp": "2020-01-01T00:00:00", "latitude": 1.5, "longitude": -2.25, "country": "Chad"}"""
                : $$"""{"ind": {{i}}, "timestamp": null, "latitude": null, "longitude": "unknown", "country": null}""")));

        await using var app = new AnalyticsApp(bucket, StreamTestHost.Settings(bucket, kafka.BootstrapServers));
        using var client = app.CreateClient();
        var streams = await StreamTestHost.WaitAsync(client, s => StreamTestHost.Rows(s, 0) == 30 && StreamTestHost.Rows(s, 1) == 7 &&
            s.GetProperty("tables").EnumerateArray().All(t => t.GetProperty("lag").ValueKind == JsonValueKind.Number && t.GetProperty("lag").GetInt64() == 0), "30 pins, 7 geos, no lag");

        Assert.True(streams.GetProperty("enabled").GetBoolean());
        Assert.Equal("Running", streams.GetProperty("state").GetString());
        var tables = streams.GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(StreamTestHost.Suffixes.Select(s => StreamTestHost.Table(bucket, s)), tables.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(StreamTestHost.Suffixes.Select(s => StreamTestHost.Stream(bucket, s)), tables.Select(t => t.GetProperty("stream").GetString()));
        Assert.Equal([30L, 7L, 0L], tables.Select(t => t.GetProperty("rows").GetInt64()));
        Assert.Equal([20L, 7L, 0L], tables.Select(t => t.GetProperty("rowsLastMinute").GetInt64()));
        Assert.Equal([2L, 0L, 0L], tables.Select(t => t.GetProperty("rejected").GetInt64()));
        Assert.Equal(PinColumns, tables[0].GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["ind", "country", "coordinates", "timestamp"], tables[1].GetProperty("columns").EnumerateArray().Select(c => c.GetString()));

        var shard = tables[0].GetProperty("shards").EnumerateArray().Single();
        Assert.Equal((ShardId.Format(0), 32L, 32L, 0L), (shard.GetProperty("shardId").GetString(), shard.GetProperty("committed").GetInt64(), shard.GetProperty("latest").GetInt64(), shard.GetProperty("lag").GetInt64()));
        // The newest rows, newest first, with the table's columns in order.
        var last = tables[0].GetProperty("lastRows").EnumerateArray().ToList();
        Assert.Equal([29L, 28L, 27L, 26L, 25L], last.Select(r => r.GetProperty("ind").GetInt64()));
        Assert.Equal(PinColumns, last[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("6|null|[null,null]|null", StreamRowText.Of(tables[1].GetProperty("lastRows")[0]));
        Assert.Equal("5|Chad|[1.5,-2.25]|2020-01-01 00:00:00", StreamRowText.Of(tables[1].GetProperty("lastRows")[1]));
        Assert.Empty(tables[2].GetProperty("lastRows").EnumerateArray());
    }

    [Fact]
    public async Task The_lag_counts_the_records_read_but_not_yet_committed()
    {
        using var bucket = new TestBucket();
        StreamTestHost.CreateStreams(kafka, bucket);
        using var producer = new StreamProducer(kafka.BootstrapServers);
        await producer.PutAsync(StreamTestHost.Stream(bucket, "pin"), 0, Pins(0, 12));
        var settings = StreamTestHost.Settings(bucket, kafka.BootstrapServers);
        // A batch that waits a minute for more records: the twelve are read, not committed, during the test.
        settings["Analytics:Streams:MaxBatchWait"] = "00:01:00";
        await using var app = new AnalyticsApp(bucket, settings);
        using var client = app.CreateClient();

        var streams = await StreamTestHost.WaitAsync(client, s => s.GetProperty("tables")[0].GetProperty("lag") is { ValueKind: JsonValueKind.Number } lag && lag.GetInt64() == 12, "a lag of 12");

        Assert.Equal(0, StreamTestHost.Rows(streams, 0));
        Assert.Equal(12, streams.GetProperty("tables")[0].GetProperty("shards")[0].GetProperty("latest").GetInt64());
    }

    [Fact]
    public async Task Rows_page_through_a_table_in_commit_order()
    {
        using var bucket = new TestBucket();
        StreamTestHost.CreateStreams(kafka, bucket);
        using (var producer = new StreamProducer(kafka.BootstrapServers))
        {
            await producer.PutAsync(StreamTestHost.Stream(bucket, "pin"), 0, Pins(0, 250));
        }

        await using var app = new AnalyticsApp(bucket, StreamTestHost.Settings(bucket, kafka.BootstrapServers));
        using var client = app.CreateClient();
        await StreamTestHost.WaitForRowsAsync(client, 250, 0, 0);
        var table = StreamTestHost.Table(bucket, "pin");

        var first = await client.GetFromJsonAsync<JsonElement>($"/api/streams/{table}/rows");
        var middle = await client.GetFromJsonAsync<JsonElement>($"/api/streams/{table}/rows?offset=240&limit=5");
        var end = await client.GetFromJsonAsync<JsonElement>($"/api/streams/{table}/rows?offset=245&limit=1000");
        var beyond = await client.GetFromJsonAsync<JsonElement>($"/api/streams/{table}/rows?offset=250");

        Assert.Equal((table, 0L, 100, 250L), (first.GetProperty("name").GetString(), first.GetProperty("offset").GetInt64(), first.GetProperty("limit").GetInt32(), first.GetProperty("total").GetInt64()));
        Assert.Equal(PinColumns, first.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), Inds(first));
        Assert.Equal([240L, 241, 242, 243, 244], Inds(middle));
        Assert.Equal([245L, 246, 247, 248, 249], Inds(end));
        Assert.Empty(Inds(beyond));
        Assert.Equal("7|u7|title 7|d|1000|p|a,b|image|s|/data/art|art|1", StreamRowText.Of(first.GetProperty("rows")[7]));
    }

    [Theory]
    [InlineData("rows?offset=-1", HttpStatusCode.BadRequest, "offset must be a whole number from 0")]
    [InlineData("rows?offset=x", HttpStatusCode.BadRequest, "offset must be a whole number from 0")]
    [InlineData("rows?limit=0", HttpStatusCode.BadRequest, "limit must be a whole number from 1 to 1000; it is '0'.")]
    [InlineData("rows?limit=1001", HttpStatusCode.BadRequest, "limit must be a whole number from 1 to 1000")]
    [InlineData("rows?limit=1.5", HttpStatusCode.BadRequest, "limit must be a whole number from 1 to 1000")]
    public async Task Bad_paging_is_a_400_that_says_what_to_send(string query, HttpStatusCode status, string error)
    {
        using var bucket = new TestBucket();
        await using var app = new AnalyticsApp(bucket);
        using var client = app.CreateClient();

        using var response = await client.GetAsync($"/api/streams/{StreamTestHost.Table(bucket, "geo")}/{query}");

        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith(error, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_table_is_a_404_that_names_the_tables()
    {
        using var bucket = new TestBucket();
        await using var app = new AnalyticsApp(bucket);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/streams/pin/rows");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(
            $"There is no stream table 'pin'; the stream tables are {StreamTestHost.Table(bucket, "pin")}, {StreamTestHost.Table(bucket, "geo")}, {StreamTestHost.Table(bucket, "user")}.",
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    private static IEnumerable<long> Inds(JsonElement page) => page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("ind").GetInt64());

    private static IEnumerable<byte[]> Pins(int first, int count) => Enumerable.Range(first, count).Select(i => JsonSerializer.SerializeToUtf8Bytes(
        $$"""{"index": {{i}}, "unique_id": "u{{i}}", "title": "title {{i}}", "description": "d", "poster_name": "p", "follower_count": "1k", "tag_list": "a,b", "is_image_or_video": "image", "image_src": "s", "downloaded": 1, "save_location": "Local save in /data/art", "category": "art"}"""));
}
