using System.Net;

namespace PinterestPipeline.DevKafka.Broker;

/// <summary>
/// A one-broker mock cluster reachable on a port we choose: the mock listens on a port of its own, we
/// forward ours to it and make the broker advertise ours, so clients that reconnect after reading
/// metadata still come through the chosen port. Tests start one in-process with <see cref="Start"/>.
/// </summary>
public sealed class DevBroker : IAsyncDisposable
{
    private readonly MockCluster cluster;
    private readonly TcpForwarder forwarder;

    private DevBroker(MockCluster cluster, TcpForwarder forwarder)
    {
        this.cluster = cluster;
        this.forwarder = forwarder;
    }

    /// <summary>The port clients use (<c>127.0.0.1:Port</c>).</summary>
    public int Port => forwarder.Port;

    /// <summary>The bootstrap servers value clients use.</summary>
    public string BootstrapServers => $"127.0.0.1:{Port}";

    public MockCluster Cluster => cluster;

    /// <param name="port">The port to listen on; 0 picks a free one.</param>
    /// <param name="topics">Topics to create up front; others are auto-created on first use, as the mock does.</param>
    public static DevBroker Start(int port = 0, IEnumerable<TopicSpec>? topics = null)
    {
        var cluster = MockCluster.Create();
        try
        {
            var forwarder = new TcpForwarder(port, new IPEndPoint(IPAddress.Loopback, cluster.ListenerPort()));
            cluster.Advertise(1, "127.0.0.1", forwarder.Port);
            foreach (var topic in topics ?? [])
            {
                cluster.CreateTopic(topic.Name, topic.Partitions);
            }

            return new DevBroker(cluster, forwarder);
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public void CreateTopic(string name, int partitions = 1) => cluster.CreateTopic(name, partitions);

    public async ValueTask DisposeAsync()
    {
        await forwarder.DisposeAsync();
        cluster.Dispose();
    }
}
