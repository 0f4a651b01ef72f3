using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 that answers <c>POST /topics/{topic}</c> and <c>PUT /streams/{stream}/record</c> as a
/// script says: the fault-injection stand-in for the REST proxy and API Gateway's Kinesis integration.
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
        app.MapPost("/topics/{topic}", context => HandleAsync(context, "topic", "application/vnd.kafka.v2+json"));
        app.MapPut("/streams/{stream}/record", context => HandleAsync(context, "stream", "application/json"));
    }

    public IReadOnlyList<StubRequest> Requests => [.. requests];

    public string BaseUrl { get; private set; } = string.Empty;

    /// <param name="respond">The answer per request; when null, every request is answered 200 with an offset or a sequence number.</param>
    public static async Task<ProxyStub> StartAsync(Func<StubRequest, StubResponse>? respond = null)
    {
        var stub = new ProxyStub(respond ?? (r => r.Method == "PUT" ? StubResponse.PutRecord(r.Number) : StubResponse.Ok(r.Number)));
        await stub.app.StartAsync();
        stub.BaseUrl = stub.app.Urls.Single();
        return stub;
    }

    private async Task HandleAsync(HttpContext context, string destination, string responseContentType)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = new StubRequest(
            Interlocked.Increment(ref count),
            context.Request.Method,
            (string)context.Request.RouteValues[destination]!,
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
        context.Response.ContentType = responseContentType;
        await context.Response.WriteAsync(response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
