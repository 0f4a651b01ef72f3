using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using PinterestPipeline.DevKafka.Broker;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.ServiceDefaults.Tests.Kafka;

/// <summary>Each test takes its own broker down, so each starts its own.</summary>
public sealed class KafkaHealthCheckTests
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Producer_check_is_healthy_with_the_broker_up_and_unhealthy_once_it_is_down()
    {
        await using var broker = DevBroker.Start();
        var builder = TestHost.CreateBuilder(("ConnectionStrings:kafka", broker.BootstrapServers));
        builder.AddKafkaProducer<string, string>("kafka", settings => settings.HealthCheckTimeout = CheckTimeout);
        using var host = builder.Build();

        var up = await TestHost.CheckAsync(host, "Kafka_kafka_producer");
        Assert.Equal(HealthStatus.Healthy, up.Status);

        broker.Cluster.SetBrokerDown();
        var down = await TestHost.CheckAsync(host, "Kafka_kafka_producer");

        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Contains("metadata", down.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), down.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consumer_check_is_healthy_with_the_broker_up_and_unhealthy_once_it_is_gone()
    {
        var broker = DevBroker.Start();
        var builder = TestHost.CreateBuilder(
            ("ConnectionStrings:kafka", broker.BootstrapServers),
            ("Aspire:Confluent:Kafka:Consumer:Config:GroupId", UniqueName.For("health")));
        builder.AddKafkaConsumer<string, string>("kafka", settings => settings.HealthCheckTimeout = CheckTimeout);
        using var host = builder.Build();

        var up = await TestHost.CheckAsync(host, "Kafka_kafka_consumer");
        Assert.Equal(HealthStatus.Healthy, up.Status);

        await broker.DisposeAsync();
        var down = await TestHost.CheckAsync(host, "Kafka_kafka_consumer");

        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Contains("metadata", down.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 4)]
    [InlineData(3, 6)]
    [InlineData(10, 20)]
    public void Registration_deadline_leaves_the_checks_own_timeout_room_to_answer(int checkSeconds, int deadlineSeconds)
    {
        // The check's own timeout names what did not answer; the registration's deadline only backstops a hang,
        // so it lies at least 2 s and at least the check's timeout past it (a 1 s margin lost that answer under load).
        var builder = TestHost.CreateBuilder(("ConnectionStrings:kafka", "127.0.0.1:9"), ("ConnectionStrings:pinterest", "Server=127.0.0.1;Port=9"));
        builder.AddKafkaProducer<string, string>("kafka", settings => settings.HealthCheckTimeout = TimeSpan.FromSeconds(checkSeconds));
        builder.AddMySqlDataSource("pinterest", settings => settings.HealthCheckTimeout = TimeSpan.FromSeconds(checkSeconds));
        using var host = builder.Build();

        Assert.Equal(TimeSpan.FromSeconds(deadlineSeconds), TestHost.Registration(host, "Kafka_kafka_producer").Timeout);
        Assert.Equal(TimeSpan.FromSeconds(deadlineSeconds), TestHost.Registration(host, "MySql_pinterest").Timeout);
    }

    [Fact]
    public async Task Check_is_unhealthy_when_no_broker_ever_answered()
    {
        var builder = TestHost.CreateBuilder(("ConnectionStrings:kafka", $"127.0.0.1:{FreePort.Next()}"));
        builder.AddKafkaProducer<string, string>("kafka", settings => settings.HealthCheckTimeout = CheckTimeout);
        using var host = builder.Build();

        var entry = await TestHost.CheckAsync(host, "Kafka_kafka_producer");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
    }
}
