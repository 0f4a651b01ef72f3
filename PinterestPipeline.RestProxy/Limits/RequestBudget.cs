using Microsoft.Extensions.Options;

namespace PinterestPipeline.RestProxy.Limits;

/// <summary>
/// The bytes of request bodies the proxy holds at once (<c>RestProxy:MaxInFlightRequestBytes</c>). A body reserves
/// its Content-Length before it is read, or, sent chunked, each piece as it arrives; the reservation lasts until the
/// response is written, so it also covers the records parsed from the body while they are produced.
/// </summary>
public sealed class RequestBudget(IOptions<RestProxyOptions> options)
{
    private long inFlight;

    public long Limit => options.Value.MaxInFlightRequestBytes;

    /// <summary>The bytes reserved now.</summary>
    public long InFlight => Volatile.Read(ref inFlight);

    /// <returns>False, reserving nothing, when <paramref name="bytes"/> more would pass the limit.</returns>
    public bool TryReserve(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var limit = Limit;
        var current = Volatile.Read(ref inFlight);
        while (true)
        {
            if (current + bytes > limit)
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref inFlight, current + bytes, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }
    }

    public void Release(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Interlocked.Add(ref inFlight, -bytes);
    }

    /// <summary>A request's reservation, which grows as its body is read and is given back once, when the response is done.</summary>
    public sealed class Lease(RequestBudget budget) : IDisposable
    {
        private long reserved;

        public RequestBudget Budget => budget;

        public long Reserved => reserved;

        public bool TryGrow(long bytes)
        {
            if (!budget.TryReserve(bytes))
            {
                return false;
            }

            reserved += bytes;
            return true;
        }

        public void Dispose()
        {
            var bytes = Interlocked.Exchange(ref reserved, 0);
            if (bytes > 0)
            {
                budget.Release(bytes);
            }
        }
    }
}
