using System.Runtime.InteropServices;

namespace PinterestPipeline.DevKafka.Native;

/// <summary>The slice of librdkafka's C API (rdkafka.h, rdkafka_mock.h) that the mock cluster needs.</summary>
internal static partial class NativeMethods
{
    internal const int RdKafkaProducer = 0;
    internal const int ConfOk = 0;

    static NativeMethods() => LibrdkafkaResolver.EnsureRegistered();

    [LibraryImport(LibrdkafkaResolver.LibraryName)]
    internal static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(LibrdkafkaResolver.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(LibrdkafkaResolver.LibraryName)]
    internal static partial void rd_kafka_conf_destroy(IntPtr conf);

    [LibraryImport(LibrdkafkaResolver.LibraryName)]
    internal static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(LibrdkafkaResolver.LibraryName)]
    internal static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(LibrdkafkaResolver.LibraryName)]
    internal static partial IntPtr rd_kafka_err2str(int err);

    [LibraryImport(LibrdkafkaResolver.LibraryName)]
    internal static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport(LibrdkafkaResolver.LibraryName)]
    internal static partial void rd_kafka_mock_cluster_destroy(IntPtr mcluster);

    [LibraryImport(LibrdkafkaResolver.LibraryName)]
    internal static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

    [LibraryImport(LibrdkafkaResolver.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_topic_create(IntPtr mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(LibrdkafkaResolver.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_broker_set_host_port(IntPtr mcluster, int brokerId, string host, int port);

    [LibraryImport(LibrdkafkaResolver.LibraryName)]
    internal static partial int rd_kafka_mock_broker_set_down(IntPtr mcluster, int brokerId);

    [LibraryImport(LibrdkafkaResolver.LibraryName)]
    internal static partial int rd_kafka_mock_broker_set_up(IntPtr mcluster, int brokerId);

    internal static string ErrorText(int err) => Marshal.PtrToStringUTF8(rd_kafka_err2str(err)) ?? $"error {err}";
}
