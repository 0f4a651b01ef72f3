using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace PinterestPipeline.RestProxy.Produce;

/// <summary>A request body read whole into a pooled buffer, refused as soon as it passes the size limit.</summary>
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

    /// <exception cref="ProduceRequestException">413 when the body is larger than <paramref name="limit"/>.</exception>
    public static async Task<RequestBody> ReadAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
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
                throw ProduceRequestException.BadRequest("the request body could not be read: " + ex.Message, ex);
            }

            var data = result.Buffer;
            if (data.Length > limit)
            {
                reader.AdvanceTo(data.Start, data.End);
                throw TooLarge(limit);
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

    private static ProduceRequestException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, Protocol.ErrorCodes.RequestTooLarge,
            $"Request Entity Too Large: the body may be at most {limit} bytes (API Gateway's payload limit is 10 MB); split the records over several requests.");
}
