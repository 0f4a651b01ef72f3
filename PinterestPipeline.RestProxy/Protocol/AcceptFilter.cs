using Microsoft.Net.Http.Headers;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.RestProxy.Protocol;

/// <summary>
/// Accept negotiation: every response is <c>application/vnd.kafka.v2+json</c>, so a request must accept
/// that, plain JSON or a wildcard (or send no Accept at all); otherwise 406.
/// </summary>
public sealed class AcceptFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var accept = context.HttpContext.Request.Headers.Accept;
        if (accept.Count > 0 && !IsAcceptable(accept))
        {
            return RestResults.Error(StatusCodes.Status406NotAcceptable, ErrorCodes.NotAcceptable, "HTTP 406 Not Acceptable");
        }

        return await next(context);
    }

    private static bool IsAcceptable(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.All(string.IsNullOrWhiteSpace))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            return false;
        }

        foreach (var range in ranges)
        {
            if (range.Quality == 0)
            {
                continue;
            }

            var type = range.MediaType.Value;
            if (type is "*/*" or "application/*" ||
                MediaTypes.Acceptable.Contains(type, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
