using Confluent.Kafka;
using PinterestPipeline.DevKafka.Broker;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.DevKafka.Tests;

/// <summary>The broker in-process, as tests use it, with Confluent.Kafka clients.</summary>
public sealed class DevBrokerTests
{
    [Fact]
    public async Task Round_trips_records_through_the_chosen_port()
    {
        await using var broker = DevBroker.Start(topics: [new TopicSpec("roundtrip", 2)]);
        Assert.NotEqual(broker.Cluster.ListenerPort(), broker.Port);

        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, EnableIdempotence = true }).Build();
        var delivered = await producer.ProduceAsync(new TopicPartition("roundtrip", 1), new Message<string, string> { Key = "k", Value = "v" });
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            GroupId = UniqueName.For("g"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Assign(new TopicPartitionOffset("roundtrip", 1, Offset.Beginning));
        var record = consumer.Consume(TimeSpan.FromSeconds(20));
        Assert.NotNull(record);
        Assert.Equal(("k", "v"), (record.Message.Key, record.Message.Value));
    }

    [Fact]
    public async Task Topics_are_created_with_their_partition_count_and_others_auto_create()
    {
        await using var broker = DevBroker.Start(topics: [new TopicSpec("three", 3)]);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();

        var three = admin.GetMetadata("three", TimeSpan.FromSeconds(10)).Topics.Single();
        Assert.Equal(3, three.Partitions.Count);

        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build();
        var delivered = await producer.ProduceAsync("auto-created", new Message<Null, string> { Value = "x" });
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
    }

    [Fact]
    public void Disposed_cluster_refuses_further_calls()
    {
        var cluster = MockCluster.Create();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("late"));
    }
}
