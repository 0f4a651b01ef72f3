using System.Globalization;
using PinterestPipeline.RestProxy.Gateway;
using PinterestPipeline.RestProxy.Protocol;

namespace PinterestPipeline.RestProxy.Limits;

/// <summary>
/// HTTP 429 with <c>Retry-After</c> for a request over the proxy's budgets: Confluent's envelope with 42901 on
/// <c>/topics</c>, API Gateway's throttling answer on <c>/streams</c>.
/// </summary>
public static class Throttled
{
    public const int RetryAfterSeconds = 1;

    public static IResult Topics(string detail) =>
        new WithRetryAfter(RestResults.Error(StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyRequests, "Too Many Requests: " + detail));

    public static IResult Streams { get; } = new WithRetryAfter(GatewayError.TooManyRequests);

    /// <summary>The answer for a path: the Kinesis integration's for <c>/streams</c> (with or without a stage in front), else Confluent's.</summary>
    public static IResult For(PathString path, string detail) => IsStreams(path) ? Streams : Topics(detail);

    private static bool IsStreams(PathString path)
    {
        var value = path.Value ?? string.Empty;
        if (path.StartsWithSegments("/streams", StringComparison.Ordinal))
        {
            return true;
        }

        // /<stage>/streams/...
        var second = value.IndexOf('/', 1);
        return second > 0 && new PathString(value[second..]).StartsWithSegments("/streams", StringComparison.Ordinal);
    }

    private sealed class WithRetryAfter(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
