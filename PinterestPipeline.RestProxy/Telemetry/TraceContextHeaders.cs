using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace PinterestPipeline.RestProxy.Telemetry;

/// <summary>
/// W3C trace context (<c>traceparent</c>, <c>tracestate</c>) as Kafka record headers, so the consumer's
/// span joins the trace the HTTP request started.
/// </summary>
public static class TraceContextHeaders
{
    /// <summary>Headers carrying <paramref name="activity"/>'s context, or null without an activity.</summary>
    public static Headers? For(Activity? activity)
    {
        if (activity is null)
        {
            return null;
        }

        var headers = new Headers();
        DistributedContextPropagator.Current.Inject(activity, headers, static (carrier, name, value) =>
        {
            if (carrier is Headers target && value is not null && name is "traceparent" or "tracestate")
            {
                target.Add(name, Encoding.UTF8.GetBytes(value));
            }
        });
        return headers.Count == 0 ? null : headers;
    }
}
