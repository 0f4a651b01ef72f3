using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace PinterestPipeline.RestProxy.Tests.Infrastructure;

/// <summary>The proxy in-process, pointed at a real Kafka-protocol broker, with optional extra settings.</summary>
public sealed class RestProxyApp : WebApplicationFactory<Program>
{
    public const string Json = "application/vnd.kafka.json.v2+json";
    public const string Binary = "application/vnd.kafka.binary.v2+json";

    public const string KinesisJson = "application/json";

    private readonly string bootstrapServers;
    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;

    /// <param name="bootstrapServers">The broker.</param>
    /// <param name="settings">Configuration on top of the defaults.</param>
    /// <param name="services">Replaces services after the proxy registered its own (a clock, say).</param>
    public RestProxyApp(string bootstrapServers, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings ?? new Dictionary<string, string?>();
        this.services = services;
    }

    /// <summary>A request with <paramref name="body"/> as its exact bytes (UTF-8 of the string) and the given Content-Type.</summary>
    public static HttpRequestMessage Send(HttpMethod method, string path, string body, string? contentType = KinesisJson) =>
        Send(method, path, Encoding.UTF8.GetBytes(body), contentType);

    public static HttpRequestMessage Send(HttpMethod method, string path, byte[] body, string? contentType = KinesisJson)
    {
        var request = Post(path, body, contentType);
        request.Method = method;
        return request;
    }

    public async Task<HttpResponseMessage> PutAsync(string path, string body, string? contentType = KinesisJson)
    {
        using var request = Send(HttpMethod.Put, path, body, contentType);
        return await CreateClient().SendAsync(request);
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

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
