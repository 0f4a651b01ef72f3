using System.Net;
using System.Text.Json;
using PinterestPipeline.RestProxy.Tests.Infrastructure;
using PinterestPipeline.TestSupport.Kafka;

namespace PinterestPipeline.RestProxy.Tests.Gateway;

public sealed class StageTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    [Fact]
    public async Task With_a_stage_every_route_is_also_served_under_it_as_an_invoke_url_has_it()
    {
        var topic = kafka.CreateTopic("rp");
        var stream = kafka.CreateTopic("streaming-rp");
        await using var app = new RestProxyApp(kafka.BootstrapServers, new Dictionary<string, string?> { ["RestProxy:Stage"] = "test" });
        var client = app.CreateClient();

        using var produced = await app.PostAsync($"/test/topics/{topic}", """{"records":[{"value":{"a":1}}]}""");
        using var put = await app.PutAsync($"/test/streams/{stream}/record", Kinesis.RecordBody("\"x\"", "partition-1"));
        using var described = await client.GetAsync($"/test/streams/{stream}");
        using var listed = await client.GetAsync("/test/topics");
        using var root = await client.GetAsync("/test/streams");
        using var withoutStage = await app.PutAsync($"/streams/{stream}/record", Kinesis.RecordBody("\"y\"", "partition-1"));

        Assert.Equal(HttpStatusCode.OK, produced.StatusCode);
        Assert.Contains("\"offset\":0", await produced.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, described.StatusCode);
        Assert.Contains(topic, JsonSerializer.Deserialize<string[]>(await listed.Content.ReadAsStringAsync())!);
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withoutStage.StatusCode);
        Assert.Equal(2, KafkaReader.Read(kafka.BootstrapServers, stream, 0, 2).Count);
    }

    [Theory]
    [InlineData("GET", "/test/nothing")]
    [InlineData("GET", "/nothing.json")]
    [InlineData("PATCH", "/test/streams")]
    [InlineData("POST", "/test/streams/x/record")]
    [InlineData("GET", "/test/streams/x/y/z")]
    [InlineData("PUT", "/test/topics/x")]
    [InlineData("DELETE", "/prod/streams/x")]
    [InlineData("GET", "/TEST/streams")] // stage names are case-sensitive
    [InlineData("GET", "/Test/topics")]
    [InlineData("GET", "/test/health")] // the service's own endpoints are not resources of the API
    [InlineData("GET", "/test/alive")]
    public async Task With_a_stage_unknown_paths_and_methods_are_missing_authentication_token(string method, string path)
    {
        await using var app = new RestProxyApp(kafka.BootstrapServers, new Dictionary<string, string?> { ["RestProxy:Stage"] = "test" });

        using var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal("Missing Authentication Token", await Kinesis.AssertGatewayAsync(response, HttpStatusCode.Forbidden, "MissingAuthenticationTokenException"));
    }

    [Fact]
    public async Task Health_and_alive_stay_where_they_are()
    {
        await using var app = new RestProxyApp(kafka.BootstrapServers, new Dictionary<string, string?> { ["RestProxy:Stage"] = "test" });
        var client = app.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        using var alive = await client.GetAsync("/alive");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Without_a_stage_unknown_paths_keep_the_plain_404()
    {
        await using var app = new RestProxyApp(kafka.BootstrapServers);

        using var response = await app.CreateClient().GetAsync("/test/streams");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("/test")]
    [InlineData("te st")]
    public async Task A_stage_that_is_not_one_path_segment_stops_the_start(string stage)
    {
        var error = await StartupFailure.StderrAsync(kafka.BootstrapServers, new Dictionary<string, string?> { ["RestProxy:Stage"] = stage });

        Assert.Contains("RestProxy:Stage", error, StringComparison.Ordinal);
    }
}
