using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using PinterestPipeline.RestProxy.Limits;

namespace PinterestPipeline.RestProxy.Gateway;

/// <summary>
/// A request body read whole into one buffer, refused as soon as it passes the size limit (API Gateway's payload
/// limit, which applies to every route before any integration sees the request) or the proxy's budget of request
/// bytes in flight (<see cref="RequestBudget"/>). The body is copied out of the connection as it arrives, so it is
/// held once, not also in the connection's buffers.
/// </summary>
public sealed class RequestBody : IDisposable
{
    /// <summary>Bodies up to this size come from the shared pool; larger ones are allocated and left to the GC, so a burst of them does not stay pooled.</summary>
    private const int PooledBytes = 256 * 1024;

    /// <summary>The first buffer of a body sent without a Content-Length.</summary>
    private const int FirstChunkedBytes = 16 * 1024;

    private byte[]? buffer;
    private readonly bool pooled;

    private RequestBody(byte[] buffer, int length, bool pooled)
    {
        this.buffer = buffer;
        this.pooled = pooled;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, Length);

    /// <exception cref="RequestBodyException">The body is larger than <paramref name="limit"/>, over the budget, or could not be read.</exception>
    public static async Task<RequestBody> ReadAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            throw RequestBodyException.TooLarge(limit);
        }

        var lease = LeaseOf(context);
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (request.ContentLength is long declared && lease is not null && !lease.TryGrow(declared))
        {
            // Refused unread: the server discards the body after the answer, at most up to the limit.
            if (sizeFeature is { IsReadOnly: false })
            {
                sizeFeature.MaxRequestBodySize = limit;
            }

            throw RequestBodyException.OverBudget(lease.Budget);
        }

        // The proxy enforces its own limit with its own envelope; the server's default must not answer first.
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        return request.ContentLength is long length
            ? await ReadDeclaredAsync(request.BodyReader, (int)length, cancellationToken)
            : await ReadChunkedAsync(request.BodyReader, limit, lease, cancellationToken);
    }

    /// <summary>The request's reservation, given back when the response is done (after the records were produced).</summary>
    private static RequestBudget.Lease? LeaseOf(HttpContext context)
    {
        if (context.RequestServices?.GetService(typeof(RequestBudget)) is not RequestBudget budget)
        {
            return null;
        }

        var lease = new RequestBudget.Lease(budget);
        context.Response.RegisterForDispose(lease);
        return lease;
    }

    private static async Task<RequestBody> ReadDeclaredAsync(PipeReader reader, int length, CancellationToken cancellationToken)
    {
        var pooled = length <= PooledBytes;
        var target = pooled ? ArrayPool<byte>.Shared.Rent(Math.Max(length, 1)) : GC.AllocateUninitializedArray<byte>(length);
        var body = new RequestBody(target, length, pooled);
        try
        {
            var written = 0;
            while (true)
            {
                var result = await ReadAsync(reader, cancellationToken);
                var data = result.Buffer;
                if (data.Length > length - written)
                {
                    // The server holds a body to its Content-Length; this is only a guard.
                    reader.AdvanceTo(data.Start, data.End);
                    throw RequestBodyException.Unreadable(new InvalidDataException("the body is longer than its Content-Length"));
                }

                data.CopyTo(target.AsSpan(written));
                written += (int)data.Length;
                reader.AdvanceTo(data.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return written == length
                        ? body
                        : throw RequestBodyException.Unreadable(new InvalidDataException("the body ended before its Content-Length"));
                }
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static async Task<RequestBody> ReadChunkedAsync(PipeReader reader, long limit, RequestBudget.Lease? lease, CancellationToken cancellationToken)
    {
        byte[]? target = null;
        var written = 0;
        while (true)
        {
            var result = await ReadAsync(reader, cancellationToken);
            var data = result.Buffer;
            if (written + data.Length > limit)
            {
                reader.AdvanceTo(data.Start, data.End);
                throw RequestBodyException.TooLarge(limit);
            }

            var needed = written + (int)data.Length;
            if (target is null || needed > target.Length)
            {
                // Reserve as it arrives: the budget holds what the buffer holds.
                var capacity = (int)Math.Min(limit, Math.Max(needed, Math.Max(FirstChunkedBytes, (long)(target?.Length ?? 0) * 2)));
                if (lease is not null && !lease.TryGrow(capacity - (target?.Length ?? 0)))
                {
                    reader.AdvanceTo(data.Start, data.End);
                    throw RequestBodyException.OverBudget(lease.Budget);
                }

                var grown = GC.AllocateUninitializedArray<byte>(capacity);
                target?.AsSpan(0, written).CopyTo(grown);
                target = grown;
            }

            data.CopyTo(target.AsSpan(written));
            written = needed;
            reader.AdvanceTo(data.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return new RequestBody(target, written, pooled: false);
            }
        }
    }

    private static async ValueTask<ReadResult> ReadAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex)
        {
            throw RequestBodyException.Unreadable(ex);
        }
    }

    public void Dispose()
    {
        if (buffer is not null && pooled)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        buffer = null;
    }
}
