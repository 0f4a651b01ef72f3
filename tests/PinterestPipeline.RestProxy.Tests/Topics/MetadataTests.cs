using System.Net;
using System.Text.Json;
using PinterestPipeline.RestProxy.Tests.Infrastructure;

namespace PinterestPipeline.RestProxy.Tests.Topics;

public sealed class MetadataTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task Root_is_an_empty_object()
    {
        using var response = await fixture.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.kafka.v2+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Topics_lists_the_clusters_topics()
    {
        var first = fixture.CreateTopic();
        var second = fixture.CreateTopic(partitions: 2);

        var names = JsonSerializer.Deserialize<string[]>(await fixture.Client.GetStringAsync("/topics"));

        Assert.Contains(first, names!);
        Assert.Contains(second, names!);
    }

    [Fact]
    public async Task Topic_has_name_configs_and_partitions_with_leader_and_replicas()
    {
        var topic = fixture.CreateTopic(partitions: 3);

        using var response = await fixture.Client.GetAsync($"/topics/{topic}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal(topic, root.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("configs").ValueKind);
        var partitions = root.GetProperty("partitions").EnumerateArray().ToArray();
        Assert.Equal([0, 1, 2], partitions.Select(p => p.GetProperty("partition").GetInt32()));
        foreach (var partition in partitions)
        {
            var leader = partition.GetProperty("leader").GetInt32();
            var replica = Assert.Single(partition.GetProperty("replicas").EnumerateArray());
            Assert.Equal(leader, replica.GetProperty("broker").GetInt32());
            Assert.True(replica.GetProperty("leader").GetBoolean());
            Assert.True(replica.GetProperty("in_sync").GetBoolean());
        }
    }

    [Fact]
    public async Task Partitions_of_a_topic()
    {
        var topic = fixture.CreateTopic(partitions: 2);

        using var list = JsonDocument.Parse(await fixture.Client.GetStringAsync($"/topics/{topic}/partitions"));
        using var one = JsonDocument.Parse(await fixture.Client.GetStringAsync($"/topics/{topic}/partitions/1"));

        Assert.Equal(2, list.RootElement.GetArrayLength());
        Assert.Equal(1, one.RootElement.GetProperty("partition").GetInt32());
    }

    [Theory]
    [InlineData("/topics/{missing}")]
    [InlineData("/topics/{missing}/partitions")]
    [InlineData("/topics/bad%20name")]
    public async Task Unknown_topic_is_40401(string path)
    {
        using var response = await fixture.Client.GetAsync(path.Replace("{missing}", PinterestPipeline.TestSupport.UniqueName.For("missing"), StringComparison.Ordinal));
        Assert.Equal("Topic not found.", await Envelope.AssertAsync(response, HttpStatusCode.NotFound, 40401));
    }

    [Fact]
    public async Task Unknown_partition_is_40402()
    {
        var topic = fixture.CreateTopic();
        using var response = await fixture.Client.GetAsync($"/topics/{topic}/partitions/1");
        await Envelope.AssertAsync(response, HttpStatusCode.NotFound, 40402);
    }
}
