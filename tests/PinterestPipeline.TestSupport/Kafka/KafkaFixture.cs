using Xunit;

using PinterestPipeline.DevKafka.Broker;

namespace PinterestPipeline.TestSupport.Kafka;

/// <summary>xunit fixture: an in-process Kafka-protocol broker (librdkafka's mock cluster) on a free port.</summary>
public sealed class KafkaFixture : IAsyncLifetime
{
    private DevBroker? broker;

    public DevBroker Broker => broker ?? throw new InvalidOperationException("The Kafka fixture has not started.");

    public string BootstrapServers => Broker.BootstrapServers;

    /// <summary>Creates a topic with a unique name and returns the name.</summary>
    public string CreateTopic(string prefix = "test", int partitions = 1)
    {
        var name = UniqueName.For(prefix);
        Broker.CreateTopic(name, partitions);
        return name;
    }

    public Task InitializeAsync()
    {
        broker = DevBroker.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }
    }
}
