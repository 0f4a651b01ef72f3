using System.Text;
using Confluent.Kafka;

namespace PinterestPipeline.Sink.Tests.Infrastructure;

/// <summary>Produces records and remembers the offset each one got.</summary>
internal sealed class TestRecords(string bootstrapServers) : IDisposable
{
    private readonly IProducer<Null, byte[]> producer = new ProducerBuilder<Null, byte[]>(
        new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 5, Acks = Acks.All, EnableIdempotence = true }).Build();

    public static byte[] Json(string topic, int partition, int n) =>
        Encoding.UTF8.GetBytes($"{{\"topic\":\"{topic}\",\"partition\":{partition},\"n\":{n},\"text\":\"café ☕ \\\"quoted\\\"\"}}");

    /// <summary>Produces <paramref name="values"/> to one partition in order; returns their offsets.</summary>
    public async Task<List<long>> ProduceAsync(string topic, int partition, IEnumerable<byte[]> values)
    {
        var target = new TopicPartition(topic, partition);
        var deliveries = values.Select(v => producer.ProduceAsync(target, new Message<Null, byte[]> { Value = v })).ToList();
        var results = await Task.WhenAll(deliveries);
        return results.Select(r => r.Offset.Value).ToList();
    }

    public void Dispose() => producer.Dispose();
}
