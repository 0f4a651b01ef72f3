using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;

namespace PinterestPipeline.Sink.Telemetry;

/// <summary>The sink's instruments on the pipeline meter.</summary>
public sealed class SinkMetrics
{
    private readonly Counter<long> recordsWritten;
    private readonly Counter<long> objectsWritten;
    private readonly Counter<long> bytesWritten;
    private readonly Counter<long> badRecords;
    private readonly ConcurrentDictionary<TopicPartition, long> lag = new();

    public SinkMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(PipelineTelemetry.MeterName);
        recordsWritten = meter.CreateCounter<long>("sink.records.written", "{record}", "Records written to the bucket.");
        objectsWritten = meter.CreateCounter<long>("sink.objects.written", "{object}", "Objects written to the bucket.");
        bytesWritten = meter.CreateCounter<long>("sink.bytes.written", "By", "Bytes of objects written to the bucket.");
        badRecords = meter.CreateCounter<long>("sink.records.bad", "{record}", "Records whose value is not JSON (stopped at or sent to the dead-letter folder).");
        meter.CreateObservableGauge(
            "sink.consumer.lag",
            () => lag.Select(entry => new Measurement<long>(entry.Value, Tags(entry.Key))),
            "{record}",
            "Records in the partition that are not yet in the bucket: high watermark minus the committable offset.");
    }

    public void ObjectWritten(string topic, int records, long bytes)
    {
        var tag = new KeyValuePair<string, object?>(SinkTelemetry.TopicTag, topic);
        recordsWritten.Add(records, tag);
        objectsWritten.Add(1, tag);
        bytesWritten.Add(bytes, tag);
    }

    public void BadRecord(string topic) => badRecords.Add(1, new KeyValuePair<string, object?>(SinkTelemetry.TopicTag, topic));

    public void SetLag(TopicPartition topicPartition, long records) => lag[topicPartition] = records;

    public void RemoveLag(TopicPartition topicPartition) => lag.TryRemove(topicPartition, out _);

    private static TagList Tags(TopicPartition topicPartition) => new()
    {
        { SinkTelemetry.TopicTag, topicPartition.Topic },
        { SinkTelemetry.PartitionTag, topicPartition.Partition.Value },
    };
}
