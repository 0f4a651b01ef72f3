namespace PinterestPipeline.RestProxy.Telemetry;

/// <summary>Counts every API request by the status code it ended with.</summary>
public sealed class RequestMetricsMiddleware(RequestDelegate next, RestProxyMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        finally
        {
            metrics.RequestCompleted(context.Response.StatusCode);
        }
    }
}
