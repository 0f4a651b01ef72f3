using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;

namespace PinterestPipeline.Sink.Telemetry;

/// <summary>
/// Spans of the sink. A record's span continues the trace whose W3C context the producer put in the
/// record's <c>traceparent</c>/<c>tracestate</c> headers, so one trace runs from the emitter to the bucket.
/// </summary>
internal static class SinkTelemetry
{
    public const string TopicTag = "messaging.destination.name";
    public const string PartitionTag = "messaging.destination.partition.id";

    public static Activity? StartProcess(ConsumeResult<Ignore, byte[]?> record, string groupId)
    {
        var source = PipelineTelemetry.ActivitySource;
        if (!source.HasListeners())
        {
            return null;
        }

        var parent = ExtractContext(record.Message.Headers);
        var activity = source.StartActivity($"process {record.Topic}", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.consumer.group.name", groupId);
            activity.SetTag(TopicTag, record.Topic);
            activity.SetTag(PartitionTag, record.Partition.Value.ToString(CultureInfo.InvariantCulture));
            activity.SetTag("messaging.kafka.offset", record.Offset.Value);
        }

        return activity;
    }

    public static Activity? StartPut(string key, int records, int bytes)
    {
        var activity = PipelineTelemetry.ActivitySource.StartActivity("sink put object", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("sink.object.key", key);
            activity.SetTag("sink.object.records", records);
            activity.SetTag("sink.object.bytes", bytes);
        }

        return activity;
    }

    // Until the shared Kafka trace-context helper lands in ServiceDefaults, the sink reads the headers itself.
    private static ActivityContext ExtractContext(Headers? headers)
    {
        if (headers is null)
        {
            return default;
        }

        DistributedContextPropagator.Current.ExtractTraceIdAndState(headers, ReadHeader, out var traceParent, out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }

    private static void ReadHeader(object? carrier, string name, out string? value, out IEnumerable<string>? values)
    {
        values = null;
        value = carrier is Headers headers && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
    }
}
