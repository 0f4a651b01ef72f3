using System.Net.Sockets;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;

namespace PinterestPipeline.DevKafka.Tests;

/// <summary>DevKafka as its own process, with kcat (librdkafka in yet other processes) as the clients.</summary>
public sealed class DevKafkaProcessTests
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Producer_and_consumer_group_in_other_processes_exchange_records_also_after_reconnecting()
    {
        var topic = UniqueName.For("devkafka");
        await using var broker = await DevKafkaProcess.StartAsync("--port", "0", "--topic", $"{topic}:1");

        var consumer = Kcat.Start("-b", broker.BootstrapServers, "-G", UniqueName.For("group"), "-X", "auto.offset.reset=earliest",
            "-f", "%s\n", "-c", "10", "-q", topic);
        try
        {
            var stdout = consumer.StandardOutput.ReadToEndAsync();

            // Two producer processes, one after the other: the second connects anew through the forwarded port.
            var first = await Kcat.RunAsync(string.Join('\n', Enumerable.Range(0, 5).Select(i => $"record-{i}")) + "\n", ClientTimeout,
                "-b", broker.BootstrapServers, "-P", "-t", topic);
            Assert.True(first.ExitCode == 0, first.StdErr);
            var second = await Kcat.RunAsync(string.Join('\n', Enumerable.Range(5, 5).Select(i => $"record-{i}")) + "\n", ClientTimeout,
                "-b", broker.BootstrapServers, "-P", "-t", topic);
            Assert.True(second.ExitCode == 0, second.StdErr);

            using var cancel = new CancellationTokenSource(ClientTimeout);
            await consumer.WaitForExitAsync(cancel.Token);
            var received = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"record-{i}"), received);
        }
        finally
        {
            if (!consumer.HasExited)
            {
                consumer.Kill(entireProcessTree: true);
            }

            consumer.Dispose();
        }
    }

    [Fact]
    public async Task Metadata_advertises_the_forwarded_port_and_topic_partitions()
    {
        var topic = UniqueName.For("parts");
        await using var broker = await DevKafkaProcess.StartAsync("--port", "0", "--topic", $"{topic}:3");

        var (exitCode, stdout, stderr) = await Kcat.RunAsync(null, ClientTimeout, "-b", broker.BootstrapServers, "-L", "-t", topic);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains($"broker 1 at 127.0.0.1:{broker.Port}", stdout, StringComparison.Ordinal);
        Assert.Contains($"topic \"{topic}\" with 3 partitions", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prints_exactly_one_listening_line_and_exits_zero_on_sigterm()
    {
        await using var broker = await DevKafkaProcess.StartAsync("--port", "0");

        var exitCode = await broker.TerminateAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, exitCode);
        var lines = broker.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal([$"Kafka (dev broker) listening on 127.0.0.1:{broker.Port}"], lines);
    }

    [Fact]
    public async Task Listens_on_the_requested_port()
    {
        var port = FreePort.Next();
        await using var broker = await DevKafkaProcess.StartAsync("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(port, broker.Port);
    }

    [Fact]
    public async Task A_port_in_use_is_a_clear_error()
    {
        await using var first = await DevKafkaProcess.StartAsync("--port", "0");
        await using var second = DevKafkaProcess.Launch("--port", first.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var exitCode = await second.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
        Assert.Contains($"Port {first.Port} on 127.0.0.1 is already in use", second.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "abc")]
    [InlineData("--topic", "bad name")]
    [InlineData("--topic", "t:0")]
    [InlineData("--bogus")]
    public async Task Bad_arguments_exit_2_with_usage(params string[] arguments)
    {
        await using var broker = DevKafkaProcess.Launch(arguments);

        var exitCode = await broker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: PinterestPipeline.DevKafka", broker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Survives_clients_that_vanish_mid_request()
    {
        var topic = UniqueName.For("vanish");
        await using var broker = await DevKafkaProcess.StartAsync("--port", "0", "--topic", topic);

        for (var i = 0; i < 50; i++)
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", broker.Port);
            var stream = client.GetStream();
            // A Kafka request header that promises 1,000 bytes and delivers a few; then the client is gone.
            await stream.WriteAsync(new byte[] { 0, 0, 3, 232, 0, 3, 0, 12, 0, 0, 0, (byte)i });
            if (i % 2 == 0)
            {
                client.Client.LingerState = new LingerOption(true, 0);
            }
        }

        var produced = await Kcat.RunAsync("still-alive\n", ClientTimeout, "-b", broker.BootstrapServers, "-P", "-t", topic);
        Assert.True(produced.ExitCode == 0, produced.StdErr);
        var consumed = await Kcat.RunAsync(null, ClientTimeout, "-b", broker.BootstrapServers, "-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%s\n");
        Assert.Equal("still-alive\n", consumed.StdOut);
        Assert.False(broker.HasExited);
    }
}
