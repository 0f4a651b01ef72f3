using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PinterestPipeline.DevKafka.Native;

namespace PinterestPipeline.DevKafka.Broker;

/// <summary>
/// librdkafka's mock cluster: a Kafka-protocol broker that lives inside this process and listens on
/// 127.0.0.1 on ports of its own choosing. It speaks Produce, Fetch, Metadata, ListOffsets, consumer
/// groups and idempotent/transactional producers; it keeps its log in memory (bounded) and has no
/// CreateTopics, DescribeConfigs, ACLs, SASL or TLS. For local runs and tests only.
/// </summary>
public sealed class MockCluster : IDisposable
{
    private readonly Lock gate = new();
    private IntPtr handle;
    private IntPtr cluster;

    private MockCluster(IntPtr handle, IntPtr cluster, int brokerCount)
    {
        this.handle = handle;
        this.cluster = cluster;
        BrokerCount = brokerCount;
        Bootstraps = Marshal.PtrToStringUTF8(NativeMethods.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("librdkafka returned no bootstrap address for the mock cluster.");
    }

    /// <summary>The mock's own listeners, <c>127.0.0.1:port[,127.0.0.1:port...]</c>.</summary>
    public string Bootstraps { get; }

    public int BrokerCount { get; }

    /// <summary>The port the mock itself listens on for <paramref name="brokerId"/> (1-based).</summary>
    public int ListenerPort(int brokerId = 1)
    {
        var address = Bootstraps.Split(',')[brokerId - 1];
        return int.Parse(address[(address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
    }

    public static MockCluster Create(int brokerCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);

        var errors = new byte[512];
        var conf = NativeMethods.rd_kafka_conf_new();
        // The handle only hosts the mock cluster; keep its own chatter (no bootstrap servers) quiet.
        if (NativeMethods.rd_kafka_conf_set(conf, "log_level", "3", errors, (nuint)errors.Length) != NativeMethods.ConfOk)
        {
            NativeMethods.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException("librdkafka rejected log_level: " + Text(errors));
        }

        // rd_kafka_new takes ownership of conf, also when it fails.
        var rk = NativeMethods.rd_kafka_new(NativeMethods.RdKafkaProducer, conf, errors, (nuint)errors.Length);
        if (rk == IntPtr.Zero)
        {
            throw new InvalidOperationException("librdkafka could not create a handle for the mock cluster: " + Text(errors));
        }

        var mc = NativeMethods.rd_kafka_mock_cluster_new(rk, brokerCount);
        if (mc == IntPtr.Zero)
        {
            NativeMethods.rd_kafka_destroy(rk);
            throw new InvalidOperationException("librdkafka could not create a mock cluster.");
        }

        return new MockCluster(rk, mc, brokerCount);
    }

    /// <summary>Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions (replication factor 1).</summary>
    public void CreateTopic(string topic, int partitions = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Check(NativeMethods.rd_kafka_mock_topic_create(Cluster, topic, partitions, 1), $"create topic '{topic}'");
    }

    /// <summary>Changes the address the broker advertises in metadata responses; its listener stays where it is.</summary>
    public void Advertise(int brokerId, string host, int port) =>
        Check(NativeMethods.rd_kafka_mock_broker_set_host_port(Cluster, brokerId, host, port), $"advertise broker {brokerId} as {host}:{port}");

    /// <summary>Takes the broker down: its connections are closed and new ones refused until <see cref="SetBrokerUp"/>.</summary>
    public void SetBrokerDown(int brokerId = 1) =>
        Check(NativeMethods.rd_kafka_mock_broker_set_down(Cluster, brokerId), $"take broker {brokerId} down");

    public void SetBrokerUp(int brokerId = 1) =>
        Check(NativeMethods.rd_kafka_mock_broker_set_up(Cluster, brokerId), $"bring broker {brokerId} up");

    public void Dispose()
    {
        lock (gate)
        {
            if (cluster != IntPtr.Zero)
            {
                NativeMethods.rd_kafka_mock_cluster_destroy(cluster);
                cluster = IntPtr.Zero;
            }

            if (handle != IntPtr.Zero)
            {
                NativeMethods.rd_kafka_destroy(handle);
                handle = IntPtr.Zero;
            }
        }
    }

    private IntPtr Cluster
    {
        get
        {
            ObjectDisposedException.ThrowIf(cluster == IntPtr.Zero, this);
            return cluster;
        }
    }

    private static void Check(int err, string what)
    {
        if (err != 0)
        {
            throw new InvalidOperationException($"Mock cluster could not {what}: {NativeMethods.ErrorText(err)}");
        }
    }

    private static string Text(byte[] buffer)
    {
        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
