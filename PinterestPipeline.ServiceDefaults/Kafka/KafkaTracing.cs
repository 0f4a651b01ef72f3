using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// One <see cref="Activity"/> per produced batch and per consumed record on <see cref="PipelineTelemetry.ActivitySource"/>,
/// tagged after the OpenTelemetry messaging conventions (1.27+: span names <c>send &lt;topic&gt;</c> and
/// <c>process &lt;topic&gt;</c>), with the W3C <c>traceparent</c>/<c>tracestate</c> carried in the record
/// headers through <see cref="DistributedContextPropagator.Current"/>, the propagator ASP.NET Core and
/// HttpClient use, so one trace runs HTTP → Kafka → consumer.
/// </summary>
/// <example>
/// Producing (one span per batch of records, whose headers carry its context):
/// <code>
/// using var activity = KafkaTracing.StartProduceBatch(topic, records.Count, out var headers);
/// foreach (var record in records) producer.Produce(topic, new Message&lt;byte[]?, byte[]?&gt; { Value = record, Headers = headers }, report);
/// </code>
/// Consuming (the span is current while the record is processed):
/// <code>
/// var result = consumer.Consume(stoppingToken);
/// using var activity = KafkaTracing.StartConsume(result, groupId);
/// </code>
/// </example>
public static class KafkaTracing
{
    /// <summary>
    /// Starts one producer span for a batch of records sent to <paramref name="topic"/> together (one REST
    /// request, say) and returns the headers that carry its trace context, to be shared by every record of
    /// the batch: librdkafka copies headers when a record is produced. A span per record would double the
    /// cost of producing small records; the batch span keeps one trace per request all the same.
    /// </summary>
    /// <param name="topic">The topic the records go to.</param>
    /// <param name="count">How many records the batch holds.</param>
    /// <param name="headers">Headers with <c>traceparent</c>/<c>tracestate</c>, or null when there is no trace to continue.</param>
    /// <param name="operationName">
    /// The operation as the caller's API names it (<c>messaging.operation.name</c> and the span name's first
    /// word): <c>send</c> for Kafka's own produce, <c>put</c> for a Kinesis PutRecord(s) kept in Kafka.
    /// </param>
    public static Activity? StartProduceBatch(string topic, int count, out Headers? headers, string operationName = "send")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(operationName);
        var activity = PipelineTelemetry.ActivitySource.StartActivity($"{operationName} {topic}", ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            SetCommonTags(activity, topic, "send", operationName);
            activity.SetTag("messaging.batch.message_count", count);
        }

        headers = [];
        Inject(activity ?? Activity.Current, headers);
        if (headers.Count == 0)
        {
            headers = null;
        }

        return activity;
    }

    /// <summary>
    /// Starts the consumer span of one record, as a child of the producer span whose context the record's
    /// headers carry (or of <see cref="Activity.Current"/> when they carry none). The span becomes
    /// <see cref="Activity.Current"/>, so the work done for the record nests under it. Dispose it when done.
    /// </summary>
    /// <param name="result">The consumed record.</param>
    /// <param name="consumerGroup">The consumer's <c>group.id</c>, when it has one.</param>
    public static Activity? StartConsume<TKey, TValue>(ConsumeResult<TKey, TValue> result, string? consumerGroup = null)
    {
        ArgumentNullException.ThrowIfNull(result);

        var parent = ExtractContext(result.Message?.Headers);
        var activity = PipelineTelemetry.ActivitySource.StartActivity($"process {result.Topic}", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            SetCommonTags(activity, result.Topic, "process");
            activity.SetTag("messaging.destination.partition.id", result.Partition.Value.ToString(CultureInfo.InvariantCulture));
            activity.SetTag("messaging.kafka.offset", result.Offset.Value);
            if (consumerGroup is not null)
            {
                activity.SetTag("messaging.consumer.group.name", consumerGroup);
            }

            if (BodySize(result.Message is null ? default : result.Message.Value) is { } size)
            {
                activity.SetTag("messaging.message.body.size", size);
            }
        }

        return activity;
    }

    /// <summary>The trace context a record's headers carry, or <c>default</c> when they carry none (or a malformed one).</summary>
    public static ActivityContext ExtractContext(Headers? headers)
    {
        if (headers is null)
        {
            return default;
        }

        DistributedContextPropagator.Current.ExtractTraceIdAndState(headers, static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            value = ((Headers)carrier!).TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
        }, out var traceParent, out var traceState);

        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }

    private static void Inject(Activity? activity, Headers headers) =>
        DistributedContextPropagator.Current.Inject(activity, headers, static (carrier, name, value) =>
        {
            if (value is null)
            {
                return;
            }

            var target = (Headers)carrier!;
            target.Remove(name);
            target.Add(name, Encoding.UTF8.GetBytes(value));
        });

    private static void SetCommonTags(Activity activity, string topic, string operationType, string? operationName = null)
    {
        activity.SetTag("messaging.system", "kafka");
        activity.SetTag("messaging.destination.name", topic);
        activity.SetTag("messaging.operation.type", operationType);
        activity.SetTag("messaging.operation.name", operationName ?? operationType);
    }

    private static int? BodySize<TValue>(TValue value) => value switch
    {
        byte[] bytes => bytes.Length,
        string text => Encoding.UTF8.GetByteCount(text),
        _ => null,
    };
}
