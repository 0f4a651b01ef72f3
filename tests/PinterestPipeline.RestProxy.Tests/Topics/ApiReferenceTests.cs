using System.Net;
using System.Text.Json;
using PinterestPipeline.RestProxy.Tests.Infrastructure;
using PinterestPipeline.TestSupport.Kafka;

namespace PinterestPipeline.RestProxy.Tests.Topics;

public sealed class ApiReferenceTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    [Fact]
    public async Task Development_serves_the_openapi_document_and_the_scalar_reference()
    {
        await using var app = new RestProxyApp(kafka.BootstrapServers, new Dictionary<string, string?> { ["environment"] = "Development" });
        var client = app.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        using var scalar = await client.GetAsync("/scalar/v1");

        var produce = document.RootElement.GetProperty("paths").GetProperty("/topics/{topic}").GetProperty("post");
        var content = produce.GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("application/vnd.kafka.json.v2+json", out _));
        Assert.True(content.TryGetProperty("application/vnd.kafka.binary.v2+json", out _));
        Assert.True(produce.GetProperty("responses").TryGetProperty("200", out _));
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/topics/{topic}/partitions/{partition}", out _));
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty("/streams/{name}/record").TryGetProperty("put", out var putRecord));
        Assert.Equal("PutRecord", putRecord.GetProperty("operationId").GetString());
        Assert.True(paths.GetProperty("/streams/{name}/records").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/streams/{name}").TryGetProperty("delete", out _));
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
    }

    [Fact]
    public async Task Other_environments_do_not_serve_them()
    {
        await using var app = new RestProxyApp(kafka.BootstrapServers);
        var client = app.CreateClient();

        using var openApi = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.NotFound, openApi.StatusCode);
    }
}
