using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;

namespace PinterestPipeline.TestSupport.Otlp;

/// <summary>
/// An OTLP/HTTP (protobuf) receiver on loopback that keeps every span and log record the services export, so the
/// test sees what the dashboard would show. Metrics are accepted and dropped.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<OtlpSpan> spans = new();
    private readonly ConcurrentQueue<OtlpLogRecord> logs = new();
    private readonly ConcurrentQueue<string> failures = new();
    private readonly Task loop;

    public OtlpReceiver()
    {
        var port = FreePort.Next();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        listener.Prefixes.Add($"{Endpoint}");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    /// <summary>The base URL for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; the exporter appends <c>/v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>.</summary>
    public Uri Endpoint { get; }

    public IReadOnlyList<OtlpSpan> Spans => [.. spans];

    public IReadOnlyList<OtlpLogRecord> Logs => [.. logs];

    /// <summary>Requests that could not be decoded: a test asserting on telemetry must see none.</summary>
    public IReadOnlyList<string> Failures => [.. failures];

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath ?? "";
        try
        {
            var body = await ReadBodyAsync(context.Request);
            switch (path)
            {
                case "/v1/traces":
                    foreach (var span in OtlpDecoder.Spans(body))
                    {
                        spans.Enqueue(span);
                    }

                    break;
                case "/v1/logs":
                    foreach (var record in OtlpDecoder.Logs(body))
                    {
                        logs.Enqueue(record);
                    }

                    break;
                case "/v1/metrics":
                    break;
                default:
                    failures.Enqueue($"Unexpected OTLP path {path}");
                    break;
            }

            // An empty Export*ServiceResponse: everything accepted.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentOutOfRangeException or IndexOutOfRangeException or IOException)
        {
            failures.Enqueue($"{path}: {ex}");
            context.Response.StatusCode = 400;
        }

        context.Response.Close();
    }

    private static async Task<byte[]> ReadBodyAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        var input = string.Equals(request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(request.InputStream, CompressionMode.Decompress)
            : request.InputStream;
        await using (input)
        {
            await input.CopyToAsync(buffer);
        }

        return buffer.ToArray();
    }
}
