using System.Text;
using Confluent.Kafka;

namespace PinterestPipeline.Analytics.Tests.Infrastructure;

/// <summary>
/// Puts records into streams the way the proxy's PutRecord stores them: key = the partition key's UTF-8 bytes, value =
/// the data, the arrival time as the Kafka timestamp, and <c>traceparent</c> among the headers when given.
/// </summary>
internal sealed class StreamProducer(string bootstrapServers) : IDisposable
{
    private readonly IProducer<byte[], byte[]> producer = new ProducerBuilder<byte[], byte[]>(
        new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 5, Acks = Acks.All, EnableIdempotence = true }).Build();

    /// <summary>Puts <paramref name="data"/> into one shard in order; returns their offsets.</summary>
    public async Task<List<long>> PutAsync(string stream, int shard, IEnumerable<byte[]> data, string partitionKey = "partition-1", DateTimeOffset? arrival = null, Headers? headers = null)
    {
        var target = new TopicPartition(stream, shard);
        var key = Encoding.UTF8.GetBytes(partitionKey);
        var deliveries = data.Select(value => producer.ProduceAsync(target, new Message<byte[], byte[]>
        {
            Key = key,
            Value = value,
            Timestamp = arrival is { } at ? new Timestamp(at) : Timestamp.Default,
            Headers = headers,
        })).ToList();
        return [.. (await Task.WhenAll(deliveries)).Select(r => r.Offset.Value)];
    }

    public void Dispose() => producer.Dispose();
}
