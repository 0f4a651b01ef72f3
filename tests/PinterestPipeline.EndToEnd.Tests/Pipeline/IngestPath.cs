namespace PinterestPipeline.EndToEnd.Tests.Pipeline;

/// <summary>
/// One of the two ways events enter Kafka: the emitter resource, its request method, the span name's operation of the
/// proxy's producer span, and the topic of each table suffix. Streams carry each row as the JSON string the seed's
/// streaming script sent (<c>"Data": "{\"index\": ...}"</c>), with ISO 8601 datetimes.
/// </summary>
internal sealed record IngestPath(string Emitter, string Method, string ProducerOperation, Func<string, string> Topic, bool Streams)
{
    public static IngestPath Topics(string prefix) => new("emitter", "POST", "send", suffix => $"{prefix}.{suffix}", Streams: false);

    public static IngestPath StreamsOf(string prefix) => new("stream-emitter", "PUT", "put", suffix => $"streaming-{prefix}-{suffix}", Streams: true);
}
