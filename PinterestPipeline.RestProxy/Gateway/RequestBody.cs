using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace PinterestPipeline.RestProxy.Gateway;

/// <summary>
/// A request body read whole into a pooled buffer, refused as soon as it passes the size limit (API Gateway's
/// payload limit, which applies to every route before any integration sees the request).
/// </summary>
public sealed class RequestBody : IDisposable
{
    private byte[]? buffer;

    private RequestBody(byte[] buffer, int length)
    {
        this.buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, Length);

    /// <exception cref="RequestBodyException">The body is larger than <paramref name="limit"/> or could not be read.</exception>
    public static async Task<RequestBody> ReadAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            throw RequestBodyException.TooLarge(limit);
        }

        // The proxy enforces its own limit with its own envelope; the server's default must not answer first.
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        var reader = request.BodyReader;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(cancellationToken);
            }
            catch (BadHttpRequestException ex)
            {
                throw RequestBodyException.Unreadable(ex);
            }

            var data = result.Buffer;
            if (data.Length > limit)
            {
                reader.AdvanceTo(data.Start, data.End);
                throw RequestBodyException.TooLarge(limit);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                var length = (int)data.Length;
                var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
                data.CopyTo(rented);
                reader.AdvanceTo(data.End);
                return new RequestBody(rented, length);
            }

            reader.AdvanceTo(data.Start, data.End);
        }
    }

    public void Dispose()
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }
}
