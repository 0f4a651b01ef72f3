using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PinterestPipeline.RestProxy.Tests.Infrastructure;

/// <summary>The proxy in-process, pointed at a real Kafka-protocol broker, with optional extra settings.</summary>
public sealed class RestProxyApp : WebApplicationFactory<Program>
{
    public const string Json = "application/vnd.kafka.json.v2+json";
    public const string Binary = "application/vnd.kafka.binary.v2+json";

    private readonly string bootstrapServers;
    private readonly IReadOnlyDictionary<string, string?> settings;

    public RestProxyApp(string bootstrapServers, IReadOnlyDictionary<string, string?>? settings = null)
    {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings ?? new Dictionary<string, string?>();
    }

    public static HttpRequestMessage Post(string path, string body, string? contentType = Json) =>
        Post(path, Encoding.UTF8.GetBytes(body), contentType);

    public static HttpRequestMessage Post(string path, byte[] body, string? contentType = Json)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    public async Task<HttpResponseMessage> PostAsync(string path, string body, string? contentType = Json)
    {
        using var request = Post(path, body, contentType);
        return await CreateClient().SendAsync(request);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:kafka", bootstrapServers);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
