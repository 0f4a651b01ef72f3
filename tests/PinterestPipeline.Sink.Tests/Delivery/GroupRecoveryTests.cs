using System.Diagnostics;
using PinterestPipeline.Sink.Tests.Infrastructure;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;
using Xunit.Abstractions;

namespace PinterestPipeline.Sink.Tests.Delivery;

/// <summary>
/// A restarted sink process gets its partitions back soon, with the default group settings: the broker is
/// DevKafka's, each sink its own process, and the proof is records produced after the restart in the bucket.
/// </summary>
public sealed class GroupRecoveryTests(KafkaFixture kafka, ITestOutputHelper output) : IClassFixture<KafkaFixture>
{
    private const int Partitions = 3;

    // The broker's group.initial.rebalance.delay.ms: DevKafka's (librdkafka's mock) and Kafka's default.
    private static readonly TimeSpan InitialRebalanceDelay = TimeSpan.FromSeconds(3);

    // DevKafka holds a join for the session timeout less 1 s after the leave (5.0 s measured when the new process
    // starts sooner). A process that starts later finds the group empty and waits the broker's
    // group.initial.rebalance.delay.ms (3 s, Kafka's default) from its join: under load, start-up of 5 s took 10.0 s
    // in all. The margin is for start-up on a loaded machine. librdkafka's own defaults take 44 s.
    private static readonly TimeSpan AfterCleanStop =
        TimeSpan.FromMilliseconds(SinkExtensions.DefaultSessionTimeoutMs - 1_000) + InitialRebalanceDelay + TimeSpan.FromSeconds(4);

    // DevKafka takes two rounds after a SIGKILL: it elects the dead member (still in the group) and waits for
    // its SyncGroup until the session ends, then holds the next join for another session (measured 11 s at 6 s).
    // A Kafka broker needs one session. The margin is for start-up on a loaded machine.
    private static readonly TimeSpan AfterKill = 2 * TimeSpan.FromMilliseconds(SinkExtensions.DefaultSessionTimeoutMs) + TimeSpan.FromSeconds(4);

    [Fact]
    public Task A_sink_restarted_after_a_clean_stop_resumes_within_one_session_timeout_and_the_initial_rebalance_delay() =>
        RestartAsync(async sink => Assert.Equal(0, await sink.TerminateAsync(TimeSpan.FromSeconds(30))), AfterCleanStop);

    [Fact]
    public Task A_sink_restarted_after_a_SIGKILL_resumes_within_two_session_timeouts() =>
        RestartAsync(sink =>
        {
            sink.Kill();
            return Task.CompletedTask;
        }, AfterKill);

    private async Task RestartAsync(Func<ServiceProcess, Task> stop, TimeSpan bound)
    {
        var topic = kafka.CreateTopic("recovery", Partitions);
        using var bucket = new TempFolder();
        var settings = SinkHost.LocalSettings(kafka.BootstrapServers, $"^{topic}$", bucket.Path, UniqueName.For("g"));
        // The defaults are what is measured here, not the short ones the other tests use.
        settings.Remove("Aspire:Confluent:Kafka:Consumer:Config:session.timeout.ms");
        settings.Remove("Aspire:Confluent:Kafka:Consumer:Config:heartbeat.interval.ms");
        settings["Sink:FlushSize"] = "1";
        using var records = new TestRecords(kafka.BootstrapServers);
        var produced = Enumerable.Range(0, Partitions).Select(_ => new List<byte[]>()).ToArray();

        using (var first = ServiceProcess.Start("PinterestPipeline.Sink", settings))
        {
            await ProduceOneEachAsync(records, topic, produced);
            await Eventually.TrueAsync(() => LocalBucket.Read(bucket.Path).Count == Partitions, TimeSpan.FromSeconds(60), () => $"the first sink wrote nothing:\n{first.Output}");
            await stop(first);
        }

        var clock = Stopwatch.StartNew();
        using var second = ServiceProcess.Start("PinterestPipeline.Sink", settings);
        await ProduceOneEachAsync(records, topic, produced);
        // Wait past the bound, so a failure reports how long it took.
        await Eventually.TrueAsync(() => LocalBucket.Read(bucket.Path).Count == 2 * Partitions || second.HasExited, bound + TimeSpan.FromSeconds(60), () => $"the restarted sink wrote nothing:\n{second.Output}");
        var elapsed = clock.Elapsed;
        output.WriteLine($"records after the restart in the bucket {elapsed.TotalSeconds:0.0} s after its start");
        Assert.False(second.HasExited, $"the restarted sink exited:\n{second.Output}");
        Assert.True(elapsed <= bound, $"the restarted sink took {elapsed.TotalSeconds:0.0} s, more than {bound.TotalSeconds:0} s:\n{second.Output}");

        var objects = LocalBucket.Read(bucket.Path);
        for (var partition = 0; partition < Partitions; partition++)
        {
            BucketAssert.ExactlyOnce(objects, topic, partition, produced[partition]);
        }
    }

    private static async Task ProduceOneEachAsync(TestRecords records, string topic, List<byte[]>[] produced)
    {
        for (var partition = 0; partition < Partitions; partition++)
        {
            var value = TestRecords.Json(topic, partition, produced[partition].Count);
            await records.ProduceAsync(topic, partition, [value]);
            produced[partition].Add(value);
        }
    }
}
