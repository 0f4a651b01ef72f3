using System.Globalization;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace PinterestPipeline.RestProxy.Limits;

/// <summary>
/// The open connections the proxy serves (<c>RestProxy:MaxConnections</c>). A connection past the limit is still
/// read, up to its first request's headers, and answered 429 with <c>Retry-After</c> and <c>Connection: close</c>
/// (so a client learns why rather than seeing a reset); past twice the limit a connection is closed unanswered,
/// as Kestrel's own <c>MaxConcurrentConnections</c> does, so that answering cannot itself grow without bound.
/// </summary>
public sealed class ConnectionLimit(IOptions<RestProxyOptions> options)
{
    private const string OverLimitKey = "PinterestPipeline.RestProxy.OverConnectionLimit";
    private int open;

    public int Limit => options.Value.MaxConnections;

    /// <summary>Connections open now, including those being refused.</summary>
    public int Open => Volatile.Read(ref open);

    /// <summary>Kestrel connection middleware: counts the connection while it lives and marks those past the limit.</summary>
    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(next);
        var count = Interlocked.Increment(ref open);
        try
        {
            if (count > 2L * Limit)
            {
                return;
            }

            if (count > Limit)
            {
                connection.Items[OverLimitKey] = true;
            }

            await next(connection);
        }
        finally
        {
            Interlocked.Decrement(ref open);
        }
    }

    /// <summary>HTTP middleware: answers every request of a connection past the limit with 429, then closes it.</summary>
    public async Task OnRequestAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(OverLimitKey) != true)
        {
            await next(context);
            return;
        }

        // Read what the client is sending before closing: a socket closed with unread data is reset, and a client
        // still sending would see the reset instead of the answer. Bounded by the body limit; nothing is kept.
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = options.Value.MaxRequestBodyBytes;
        }

        try
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException or OperationCanceledException)
        {
            context.Abort();
            return;
        }

        context.Response.Headers.Connection = "close";
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"the proxy serves at most {Limit} connections at once (RestProxy:MaxConnections); retry after {Throttled.RetryAfterSeconds} s");
        await Throttled.For(context.Request.Path, detail).ExecuteAsync(context);
    }
}
