using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace PinterestPipeline.Sink.Telemetry;

/// <summary>
/// Spans and tag names of the sink. A record's span comes from <see cref="KafkaTracing.StartConsume"/>, which
/// continues the trace whose W3C context the producer put in the record's headers, so one trace runs from the
/// emitter to the bucket; an object's upload gets a span of its own.
/// </summary>
internal static class SinkTelemetry
{
    public const string TopicTag = "messaging.destination.name";
    public const string PartitionTag = "messaging.destination.partition.id";

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
}
