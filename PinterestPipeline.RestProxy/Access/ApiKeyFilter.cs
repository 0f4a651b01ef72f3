using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PinterestPipeline.RestProxy.Gateway;
using PinterestPipeline.RestProxy.Protocol;
using PinterestPipeline.RestProxy.Streams;

namespace PinterestPipeline.RestProxy.Access;

/// <summary>
/// API Gateway's usage-plan check: with keys configured, a request needs one of them in <c>x-api-key</c>,
/// otherwise 403: in Confluent's envelope (error_code 40301) on <c>/topics</c>, where clients of the proxy read
/// that envelope, and in API Gateway's own (<c>{"message":"Forbidden"}</c>) on <c>/streams</c>.
/// With none configured the check is off.
/// </summary>
public sealed class ApiKeyFilter : IEndpointFilter
{
    public const string HeaderName = "x-api-key";

    private readonly byte[][] keys;

    public ApiKeyFilter(IOptions<RestProxyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        keys = [.. options.Value.ApiKeys.Where(k => !string.IsNullOrEmpty(k)).Select(Encoding.UTF8.GetBytes)];
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (keys.Length > 0 && !IsAccepted(context.HttpContext.Request.Headers[HeaderName]))
        {
            return context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<KinesisEndpointMetadata>() is not null
                ? GatewayError.Forbidden
                : RestResults.Error(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, $"Forbidden: missing or invalid {HeaderName} header.");
        }

        return await next(context);
    }

    private bool IsAccepted(Microsoft.Extensions.Primitives.StringValues presented)
    {
        if (presented.Count != 1 || string.IsNullOrEmpty(presented[0]))
        {
            return false;
        }

        var candidate = Encoding.UTF8.GetBytes(presented[0]!);
        var accepted = false;
        foreach (var key in keys)
        {
            // Compare with every key in constant time, so the answer's timing says nothing about the keys.
            accepted |= CryptographicOperations.FixedTimeEquals(candidate, key);
        }

        return accepted;
    }
}
