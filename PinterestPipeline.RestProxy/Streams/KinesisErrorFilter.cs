using System.Text.Json;
using Microsoft.Extensions.Options;
using PinterestPipeline.RestProxy.Gateway;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// Turns what the <c>/streams</c> handlers refuse into answers: Kinesis errors with the status the integration
/// responses give, and API Gateway's own answers for bodies it cannot take (too large, not JSON).
/// </summary>
public sealed class KinesisErrorFilter(IOptions<StreamsOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (KinesisException ex)
        {
            return KinesisResults.Error(ex, options.Value.IntegrationResponses, context.HttpContext.Request.Method);
        }
        catch (RequestBodyException ex)
        {
            return ex.IsOverBudget ? Limits.Throttled.Streams
                : ex.IsTooLarge ? GatewayError.RequestTooLarge : GatewayError.UnparsableBody(ex.Message);
        }
        catch (JsonException ex)
        {
            return GatewayError.UnparsableBody(ex.Message);
        }
    }
}
