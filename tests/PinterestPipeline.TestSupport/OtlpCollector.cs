using System.Collections.Concurrent;
using System.Net;

namespace PinterestPipeline.TestSupport;

/// <summary>
/// An OTLP/HTTP collector on 127.0.0.1 that accepts every export (<c>POST /v1/traces</c>, <c>/v1/logs</c>,
/// <c>/v1/metrics</c>) with an empty protobuf answer and counts them, so a test can see that a service's exporters ran.
/// <see cref="HttpListener"/>, so the test support needs no web framework.
/// </summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener listener;
    private readonly ConcurrentDictionary<string, int> exports = new(StringComparer.Ordinal);
    private readonly Task loop;

    private OtlpCollector(HttpListener listener, string url)
    {
        this.listener = listener;
        Url = url;
        loop = Task.Run(ServeAsync);
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:40123</c> (what <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> takes).</summary>
    public string Url { get; }

    /// <summary>Exports received for <paramref name="signal"/> (<c>traces</c>, <c>logs</c> or <c>metrics</c>).</summary>
    public int Exports(string signal) => exports.TryGetValue($"/v1/{signal}", out var count) ? count : 0;

    public static OtlpCollector Start()
    {
        // A port can be taken between FreePort picking it and the listener binding it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var url = $"http://127.0.0.1:{FreePort.Next()}";
            var listener = new HttpListener();
            listener.Prefixes.Add(url + "/");
            try
            {
                listener.Start();
                return new OtlpCollector(listener, url);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    public void Dispose()
    {
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
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
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                using (context.Response)
                {
                    await context.Request.InputStream.CopyToAsync(Stream.Null);
                    var path = context.Request.Url?.AbsolutePath ?? "";
                    if (context.Request.HttpMethod == "POST" && path.StartsWith("/v1/", StringComparison.Ordinal))
                    {
                        exports.AddOrUpdate(path, 1, (_, count) => count + 1);
                        context.Response.StatusCode = 200;
                        context.Response.ContentType = "application/x-protobuf";
                    }
                    else
                    {
                        context.Response.StatusCode = 404;
                    }
                }
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The exporter went away mid-request (its process stopped): the next export is another request.
            }
        }
    }
}
