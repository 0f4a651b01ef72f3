using System.Net;
using System.Text;
using PinterestPipeline.RestProxy.Tests.Infrastructure;
using PinterestPipeline.TestSupport.Kafka;

namespace PinterestPipeline.RestProxy.Tests.Access;

public sealed class LimitsAndAccessTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    [Fact]
    public async Task Body_over_10_MB_is_413_with_the_envelope()
    {
        var topic = kafka.CreateTopic("rp");
        await using var app = new RestProxyApp(kafka.BootstrapServers);
        var payload = new string('x', 10 * 1024 * 1024);
        var body = Encoding.UTF8.GetBytes($$"""{"records":[{"value":"{{payload}}"}]}""");

        using var request = RestProxyApp.Post($"/topics/{topic}", body);
        using var response = await app.CreateClient().SendAsync(request);

        var message = await Envelope.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, 413);
        Assert.Contains("10485760", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_limit_applies_without_a_content_length()
    {
        var topic = kafka.CreateTopic("rp");
        await using var app = new RestProxyApp(kafka.BootstrapServers, new Dictionary<string, string?> { ["RestProxy:MaxRequestBodyBytes"] = "1000" });
        var body = Encoding.UTF8.GetBytes($$"""{"records":[{"value":"{{new string('x', 2000)}}"}]}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/topics/{topic}")
        {
            Content = new StreamContent(new MemoryStream(body)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", RestProxyApp.Json);
        request.Headers.TransferEncodingChunked = true;

        using var response = await app.CreateClient().SendAsync(request);

        await Envelope.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, 413);
        using var small = await app.PostAsync($"/topics/{topic}", """{"records":[{"value":1}]}""");
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task Records_over_the_configured_maximum_are_422()
    {
        var topic = kafka.CreateTopic("rp");
        await using var app = new RestProxyApp(kafka.BootstrapServers, new Dictionary<string, string?> { ["RestProxy:MaxRecordsPerRequest"] = "3" });

        using var three = await app.PostAsync($"/topics/{topic}", """{"records":[{"value":1},{"value":2},{"value":3}]}""");
        using var four = await app.PostAsync($"/topics/{topic}", """{"records":[{"value":1},{"value":2},{"value":3},{"value":4}]}""");

        Assert.Equal(HttpStatusCode.OK, three.StatusCode);
        Assert.Contains("at most 3", await Envelope.AssertAsync(four, HttpStatusCode.UnprocessableEntity, 422), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_keys_are_off_by_default()
    {
        var topic = kafka.CreateTopic("rp");
        await using var app = new RestProxyApp(kafka.BootstrapServers);

        using var response = await app.PostAsync($"/topics/{topic}", """{"records":[{"value":1}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task With_api_keys_a_request_needs_one_of_them()
    {
        var topic = kafka.CreateTopic("rp");
        await using var app = new RestProxyApp(kafka.BootstrapServers, new Dictionary<string, string?>
        {
            ["RestProxy:ApiKeys:0"] = "first-key",
            ["RestProxy:ApiKeys:1"] = "second-key",
        });
        var client = app.CreateClient();

        async Task<HttpResponseMessage> SendAsync(string method, string path, string? key)
        {
            using var request = method == "POST"
                ? RestProxyApp.Post(path, """{"records":[{"value":1}]}""")
                : new HttpRequestMessage(HttpMethod.Get, path);
            if (key is not null)
            {
                request.Headers.Add("x-api-key", key);
            }

            return await client.SendAsync(request);
        }

        using var missing = await SendAsync("POST", $"/topics/{topic}", null);
        using var wrong = await SendAsync("POST", $"/topics/{topic}", "first-kex");
        using var metadataWithout = await SendAsync("GET", "/topics", null);
        using var first = await SendAsync("POST", $"/topics/{topic}", "first-key");
        using var second = await SendAsync("GET", $"/topics/{topic}", "second-key");
        using var health = await client.GetAsync("/health");

        await Envelope.AssertAsync(missing, HttpStatusCode.Forbidden, 40301);
        await Envelope.AssertAsync(wrong, HttpStatusCode.Forbidden, 40301);
        await Envelope.AssertAsync(metadataWithout, HttpStatusCode.Forbidden, 40301);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task With_api_keys_streams_answer_api_gateways_forbidden_and_topics_keep_confluents_envelope()
    {
        var stream = kafka.CreateTopic("streaming-rp");
        await using var app = new RestProxyApp(kafka.BootstrapServers, new Dictionary<string, string?> { ["RestProxy:ApiKeys:0"] = "key" });
        var client = app.CreateClient();

        using var missing = await app.PutAsync($"/streams/{stream}/record", Kinesis.RecordBody("1", "k"));
        using var listed = await client.GetAsync("/streams");
        using var topics = await client.GetAsync("/topics");
        using var request = RestProxyApp.Send(HttpMethod.Put, $"/streams/{stream}/record", Kinesis.RecordBody("1", "k"));
        request.Headers.Add("x-api-key", "key");
        using var accepted = await client.SendAsync(request);

        Assert.Equal("Forbidden", await Kinesis.AssertGatewayAsync(missing, HttpStatusCode.Forbidden, "ForbiddenException"));
        Assert.Equal("Forbidden", await Kinesis.AssertGatewayAsync(listed, HttpStatusCode.Forbidden, "ForbiddenException"));
        await Envelope.AssertAsync(topics, HttpStatusCode.Forbidden, 40301);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task The_body_limit_applies_to_streams_with_api_gateways_413()
    {
        var stream = kafka.CreateTopic("streaming-rp");
        await using var app = new RestProxyApp(kafka.BootstrapServers, new Dictionary<string, string?> { ["RestProxy:MaxRequestBodyBytes"] = "1000" });

        using var refused = await app.PutAsync($"/streams/{stream}/records", $$"""{"records":[{"data":"{{new string('x', 2000)}}","partition-key":"k"}]}""");
        using var accepted = await app.PutAsync($"/streams/{stream}/records", """{"records":[{"data":"small","partition-key":"k"}]}""");

        Assert.Equal("Request Too Long", await Kinesis.AssertGatewayAsync(refused, HttpStatusCode.RequestEntityTooLarge));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData("RestProxy:Streams:TopicPrefix", "bad prefix")]
    [InlineData("RestProxy:Streams:AccountId", "12345")]
    [InlineData("RestProxy:Streams:Region", "Mars")]
    [InlineData("RestProxy:Streams:GetRecordsLimit", "10001")]
    [InlineData("RestProxy:Streams:ReadTimeout", "00:00:00")]
    [InlineData("RestProxy:Streams:AdminTimeout", "00:01:00")]
    [InlineData("RestProxy:Streams:IntegrationResponses", "Sometimes")]
    public async Task Invalid_streams_settings_stop_the_start(string key, string value)
    {
        var error = await StartupFailure.StderrAsync(kafka.BootstrapServers, new Dictionary<string, string?> { [key] = value });

        Assert.Contains(key.Split(':')[^1], error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RestProxy:DeliveryTimeout", "00:00:00")]
    [InlineData("RestProxy:MaxRecordsPerRequest", "0")]
    [InlineData("RestProxy:MaxRequestBodyBytes", "-1")]
    public async Task Invalid_settings_stop_the_start(string key, string value)
    {
        var error = await StartupFailure.StderrAsync(kafka.BootstrapServers, new Dictionary<string, string?> { [key] = value });

        Assert.Contains(key.Split(':')[1], error, StringComparison.Ordinal);
    }
}
