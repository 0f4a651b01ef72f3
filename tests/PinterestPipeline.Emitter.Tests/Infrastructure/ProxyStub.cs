using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 that answers <c>POST /topics/{topic}</c> (and under a stage path) as a script says:
/// the fault-injection stand-in for the REST proxy.
/// </summary>
internal sealed class ProxyStub : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<StubRequest> requests = new();
    private readonly Func<StubRequest, StubResponse> respond;
    private int count;

    private ProxyStub(Func<StubRequest, StubResponse> respond)
    {
        this.respond = respond;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapPost("/topics/{topic}", HandleAsync);
    }

    public IReadOnlyList<StubRequest> Requests => [.. requests];

    public string BaseUrl { get; private set; } = string.Empty;

    /// <param name="respond">The answer per request; every request is answered 200 with an offset when null.</param>
    public static async Task<ProxyStub> StartAsync(Func<StubRequest, StubResponse>? respond = null)
    {
        var stub = new ProxyStub(respond ?? (r => StubResponse.Ok(r.Number)));
        await stub.app.StartAsync();
        stub.BaseUrl = stub.app.Urls.Single();
        return stub;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = new StubRequest(
            Interlocked.Increment(ref count),
            (string)context.Request.RouteValues["topic"]!,
            body,
            context.Request.ContentType,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        requests.Enqueue(request);

        var response = respond(request);
        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "application/vnd.kafka.v2+json";
        await context.Response.WriteAsync(response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
