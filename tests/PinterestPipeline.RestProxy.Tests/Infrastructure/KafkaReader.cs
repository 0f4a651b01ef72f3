using Confluent.Kafka;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.RestProxy.Tests.Infrastructure;

/// <summary>Reads records back from the broker with a real consumer.</summary>
public static class KafkaReader
{
    public static List<ConsumeResult<byte[]?, byte[]?>> Read(string bootstrapServers, string topic, int partition, int count)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = UniqueName.For("reader"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Assign(new TopicPartitionOffset(topic, partition, Offset.Beginning));
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (records.Count < count && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is { IsPartitionEOF: false, Message: not null })
            {
                records.Add(result);
            }
        }

        consumer.Close();
        Assert.True(records.Count == count, $"expected {count} records in {topic}[{partition}], found {records.Count} within 20 s");
        return records;
    }
}
