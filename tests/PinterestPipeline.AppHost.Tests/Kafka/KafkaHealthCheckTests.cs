using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PinterestPipeline.AppHost.Hosting.Common;
using PinterestPipeline.DevKafka.Broker;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.AppHost.Tests.Kafka;

/// <summary>
/// The AppHost's Kafka health check against a real Kafka-protocol broker (DevKafka's mock cluster): a broker that answers
/// at its bootstrap address but advertises an address nothing listens on (what a wrong KAFKA_ADVERTISED_LISTENERS
/// gives) must not look healthy, since every client bootstraps and then goes to the advertised address.
/// </summary>
public sealed class KafkaHealthCheckTests
{
    // The check's own timeouts are 3 s per metadata request; two requests at most, with room for a loaded machine.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_broker_that_advertises_its_own_address_is_healthy()
    {
        await using var broker = DevBroker.Start();

        var result = await CheckAsync(broker.BootstrapServers);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task A_broker_that_advertises_a_port_nothing_listens_on_is_unhealthy_within_the_checks_timeout()
    {
        await using var broker = DevBroker.Start();
        var deadPort = FreePort.Next();
        broker.Cluster.Advertise(1, "127.0.0.1", deadPort);

        var elapsed = Stopwatch.StartNew();
        var result = await CheckAsync(broker.BootstrapServers);
        elapsed.Stop();

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains($"advertises 127.0.0.1:{deadPort}", result.Description, StringComparison.Ordinal);
        Assert.Contains(broker.BootstrapServers, result.Description, StringComparison.Ordinal);
        Assert.True(elapsed.Elapsed < Bound, $"took {elapsed.Elapsed}");

        // Put right, the same broker is healthy again.
        broker.Cluster.Advertise(1, "127.0.0.1", broker.Port);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(broker.BootstrapServers)).Status);
    }

    [Fact]
    public async Task No_broker_at_the_bootstrap_address_is_unhealthy_within_the_checks_timeout()
    {
        var bootstrap = $"127.0.0.1:{FreePort.Next()}";

        var elapsed = Stopwatch.StartNew();
        var result = await CheckAsync(bootstrap);
        elapsed.Stop();

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith($"No answer from the broker at {bootstrap}", result.Description, StringComparison.Ordinal);
        Assert.True(elapsed.Elapsed < Bound, $"took {elapsed.Elapsed}");
    }

    private static Task<HealthCheckResult> CheckAsync(string bootstrapServers)
    {
        var check = new KafkaHealthCheck(new Broker(bootstrapServers));
        var registration = new HealthCheckRegistration("kafka_check", check, failureStatus: HealthStatus.Unhealthy, tags: null);
        return check.CheckHealthAsync(new HealthCheckContext { Registration = registration });
    }

    private sealed class Broker(string bootstrapServers) : Resource("kafka"), IResourceWithConnectionString
    {
        public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{bootstrapServers}");
    }
}
