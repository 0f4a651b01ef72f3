using System.Diagnostics;
using System.Net;
using System.Numerics;
using System.Text.Json;
using PinterestPipeline.RestProxy.Tests.Infrastructure;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.RestProxy.Tests.Streams;

public sealed class CatalogTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task List_streams_names_the_streams_and_not_the_other_topics()
    {
        var stream = fixture.CreateStream();
        var topic = fixture.CreateTopic();

        using var response = await fixture.Client.GetAsync("/streams");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal(["HasMoreStreams", "StreamNames", "StreamSummaries"], root.EnumerateObject().Select(p => p.Name));
        Assert.False(root.GetProperty("HasMoreStreams").GetBoolean());
        var names = root.GetProperty("StreamNames").EnumerateArray().Select(n => n.GetString()!).ToArray();
        Assert.Contains(stream, names);
        Assert.DoesNotContain(topic, names);
        Assert.All(names, n => Assert.StartsWith("streaming-", n, StringComparison.Ordinal));
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        var summary = root.GetProperty("StreamSummaries").EnumerateArray().Single(s => s.GetProperty("StreamName").GetString() == stream);
        Assert.Equal($"arn:aws:kinesis:us-east-1:000000000000:stream/{stream}", summary.GetProperty("StreamARN").GetString());
        Assert.Equal("ACTIVE", summary.GetProperty("StreamStatus").GetString());
    }

    [Fact]
    public async Task The_stream_rule_account_and_region_are_settings()
    {
        await using var app = new RestProxyApp(fixture.Broker.BootstrapServers, new Dictionary<string, string?>
        {
            ["RestProxy:Streams:TopicPrefix"] = "rp",
            ["RestProxy:Streams:AccountId"] = "123456789012",
            ["RestProxy:Streams:Region"] = "eu-west-2",
        });
        var topic = fixture.CreateTopic();
        var stream = fixture.CreateStream();

        using var described = await app.CreateClient().GetAsync($"/streams/{topic}");
        using var missing = await app.CreateClient().GetAsync($"/streams/{stream}");

        using var document = JsonDocument.Parse(await described.Content.ReadAsStringAsync());
        Assert.Equal($"arn:aws:kinesis:eu-west-2:123456789012:stream/{topic}", document.RootElement.GetProperty("StreamDescription").GetProperty("StreamARN").GetString());
        Assert.Equal($"Stream {stream} under account 123456789012 not found.", await Kinesis.AssertErrorAsync(missing, HttpStatusCode.BadRequest, "ResourceNotFoundException"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task Describe_stream_shows_each_shard_with_its_even_share_of_the_hash_key_space(int shards)
    {
        var stream = fixture.CreateStream(shards);

        using var response = await fixture.Client.GetAsync($"/streams/{stream}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var description = document.RootElement.GetProperty("StreamDescription");
        Assert.Equal(stream, description.GetProperty("StreamName").GetString());
        Assert.Equal("ACTIVE", description.GetProperty("StreamStatus").GetString());
        Assert.False(description.GetProperty("HasMoreShards").GetBoolean());
        var listed = description.GetProperty("Shards").EnumerateArray().ToArray();
        Assert.Equal(shards, listed.Length);
        var space = BigInteger.One << 128;
        for (var i = 0; i < shards; i++)
        {
            Assert.Equal(Kinesis.ShardId(i), listed[i].GetProperty("ShardId").GetString());
            var range = listed[i].GetProperty("HashKeyRange");
            Assert.Equal((space * i / shards).ToString(System.Globalization.CultureInfo.InvariantCulture), range.GetProperty("StartingHashKey").GetString());
            Assert.Equal(((space * (i + 1) / shards) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), range.GetProperty("EndingHashKey").GetString());
            Assert.Equal(Kinesis.SequenceNumber(i, 0), listed[i].GetProperty("SequenceNumberRange").GetProperty("StartingSequenceNumber").GetString());
        }

        if (shards == 3)
        {
            // Real Kinesis's split of a three-shard stream.
            Assert.Equal("113427455640312821154458202477256070485", listed[1].GetProperty("HashKeyRange").GetProperty("StartingHashKey").GetString());
            Assert.Equal("340282366920938463463374607431768211455", listed[2].GetProperty("HashKeyRange").GetProperty("EndingHashKey").GetString());
        }
    }

    [Fact]
    public async Task Create_stream_on_devkafka_says_it_has_no_create_topics_and_what_to_do_within_the_admin_timeout()
    {
        await using var app = new RestProxyApp(fixture.Broker.BootstrapServers, new Dictionary<string, string?> { ["RestProxy:Streams:AdminTimeout"] = "00:00:01" });
        var name = UniqueName.For("streaming-new");
        var watch = Stopwatch.StartNew();

        using var request = RestProxyApp.Send(HttpMethod.Post, $"/streams/{name}", """{"ShardCount": 2}""");
        using var response = await app.CreateClient().SendAsync(request).WaitAsync(TimeSpan.FromSeconds(20));

        var message = await Kinesis.AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgumentException");
        Assert.Contains("CreateTopics", message, StringComparison.Ordinal);
        Assert.Contains($"DevKafka --topic {name}:<shards>", message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed} with a 1 s admin timeout");
    }

    [Fact]
    public async Task Delete_stream_on_devkafka_says_it_has_no_delete_topics_and_the_stream_stays()
    {
        await using var app = new RestProxyApp(fixture.Broker.BootstrapServers, new Dictionary<string, string?> { ["RestProxy:Streams:AdminTimeout"] = "00:00:01" });
        var stream = fixture.CreateStream();

        using var response = await app.CreateClient().DeleteAsync($"/streams/{stream}");
        using var described = await app.CreateClient().GetAsync($"/streams/{stream}");

        Assert.Contains("DeleteTopics", await Kinesis.AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgumentException"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, described.StatusCode);
    }

    [Fact]
    public async Task Create_stream_refuses_an_existing_stream_a_name_outside_the_rule_and_a_shard_count_below_one()
    {
        var stream = fixture.CreateStream();

        using var existing = await fixture.App.CreateClient().SendAsync(RestProxyApp.Send(HttpMethod.Post, $"/streams/{stream}", ""));
        using var outside = await fixture.App.CreateClient().SendAsync(RestProxyApp.Send(HttpMethod.Post, "/streams/" + UniqueName.For("other"), ""));
        using var zero = await fixture.App.CreateClient().SendAsync(RestProxyApp.Send(HttpMethod.Post, "/streams/" + UniqueName.For("streaming-zero"), """{"ShardCount":0}"""));
        using var text = await fixture.App.CreateClient().SendAsync(RestProxyApp.Send(HttpMethod.Post, "/streams/" + UniqueName.For("streaming-zero"), """{"ShardCount":"2"}"""));
        using var many = await fixture.App.CreateClient().SendAsync(RestProxyApp.Send(HttpMethod.Post, "/streams/" + UniqueName.For("streaming-many"), """{"ShardCount":501}"""));

        Assert.Equal($"Stream {stream} under account 000000000000 already exists.", await Kinesis.AssertErrorAsync(existing, HttpStatusCode.BadRequest, "ResourceInUseException"));
        Assert.Contains("RestProxy:Streams:TopicPrefix", await Kinesis.AssertErrorAsync(outside, HttpStatusCode.BadRequest, "InvalidArgumentException"), StringComparison.Ordinal);
        Assert.Equal("1 validation error detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
            await Kinesis.AssertErrorAsync(zero, HttpStatusCode.BadRequest, "ValidationException"));
        Assert.Equal("class java.lang.String can not be converted to an Integer", await Kinesis.AssertErrorAsync(text, HttpStatusCode.BadRequest, "SerializationException"));
        await Kinesis.AssertErrorAsync(many, HttpStatusCode.BadRequest, "LimitExceededException");
    }

    [Fact]
    public async Task Delete_or_describe_an_unknown_stream_is_resource_not_found()
    {
        var name = UniqueName.For("streaming-gone");

        using var deleted = await fixture.Client.DeleteAsync($"/streams/{name}");
        using var described = await fixture.Client.GetAsync($"/streams/{name}");

        await Kinesis.AssertErrorAsync(deleted, HttpStatusCode.BadRequest, "ResourceNotFoundException");
        await Kinesis.AssertErrorAsync(described, HttpStatusCode.BadRequest, "ResourceNotFoundException");
    }
}
