using System.Text;
using Confluent.Kafka;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.EndToEnd.Tests.Pipeline;

/// <summary>Reads a topic's partition 0 from the beginning up to its high watermark at the time of the call.</summary>
internal static class TopicReader
{
    private static readonly TimeSpan ConsumeLimit = TimeSpan.FromSeconds(30);

    public static List<PipelineRecord> ReadAll(string bootstrapServers, string topic, CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = UniqueName.For("e2e-reader"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();

        var partition = new TopicPartition(topic, 0);
        var watermarks = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10));
        var records = new List<PipelineRecord>();
        consumer.Assign(new TopicPartitionOffset(partition, watermarks.Low));
        var deadline = DateTime.UtcNow + ConsumeLimit;
        while (records.Count < watermarks.High.Value - watermarks.Low.Value)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Assert.True(DateTime.UtcNow < deadline, $"{topic}: only {records.Count} of the {watermarks.High.Value - watermarks.Low.Value} records below the high watermark arrived in {ConsumeLimit}.");
            var result = consumer.Consume(TimeSpan.FromSeconds(1));
            if (result is null)
            {
                continue;
            }

            var traceParent = result.Message.Headers.TryGetLastBytes("traceparent", out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
            var (traceId, spanId) = PipelineRecord.ParseTraceParent(traceParent);
            records.Add(new PipelineRecord(topic, result.Offset.Value, result.Message.Value, traceId, spanId));
        }

        consumer.Close();
        return records;
    }
}
