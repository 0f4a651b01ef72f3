using Confluent.Kafka;
using Microsoft.Extensions.Hosting;

namespace PinterestPipeline.ServiceDefaults.Tests.Kafka;

public sealed class KafkaSettingsBindingTests
{
    [Fact]
    public void Producer_settings_bind_typed_and_librdkafka_names_and_the_connection_string()
    {
        var builder = TestHost.CreateBuilder(
            ("ConnectionStrings:kafka", "127.0.0.1:19092"),
            ("Aspire:Confluent:Kafka:Producer:DisableHealthChecks", "true"),
            ("Aspire:Confluent:Kafka:Producer:DisableTracing", "true"),
            ("Aspire:Confluent:Kafka:Producer:HealthCheckTimeout", "00:00:02"),
            ("Aspire:Confluent:Kafka:Producer:Config:Acks", "All"),
            ("Aspire:Confluent:Kafka:Producer:Config:LingerMs", "7"),
            ("Aspire:Confluent:Kafka:Producer:Config:message.timeout.ms", "1234"),
            ("Aspire:Confluent:Kafka:Producer:Config:client.id", "binding-test"));
        KafkaProducerSettings? bound = null;

        builder.AddKafkaProducer<string, string>("kafka", settings => bound = settings);

        Assert.NotNull(bound);
        Assert.Equal("127.0.0.1:19092", bound.Config.BootstrapServers);
        Assert.Equal(Acks.All, bound.Config.Acks);
        Assert.Equal(7, bound.Config.LingerMs);
        Assert.Equal(1234, bound.Config.MessageTimeoutMs);
        Assert.Equal("binding-test", bound.Config.ClientId);
        Assert.True(bound.DisableHealthChecks);
        Assert.True(bound.DisableTracing);
        Assert.False(bound.DisableMetrics);
        Assert.Equal(TimeSpan.FromSeconds(2), bound.HealthCheckTimeout);
        Assert.Equal(KafkaExtensions.DefaultStatisticsIntervalMs, bound.Config.StatisticsIntervalMs);

        using var host = builder.Build();
        Assert.DoesNotContain("Kafka_kafka_producer", TestHost.HealthCheckNames(host));
    }

    [Fact]
    public void Consumer_settings_bind_typed_and_librdkafka_names_and_keep_an_explicit_statistics_interval()
    {
        var builder = TestHost.CreateBuilder(
            ("ConnectionStrings:kafka", "127.0.0.1:19092"),
            ("Aspire:Confluent:Kafka:Consumer:Config:GroupId", "sink"),
            ("Aspire:Confluent:Kafka:Consumer:Config:auto.offset.reset", "earliest"),
            ("Aspire:Confluent:Kafka:Consumer:Config:EnableAutoCommit", "false"),
            ("Aspire:Confluent:Kafka:Consumer:Config:statistics.interval.ms", "0"));
        KafkaConsumerSettings? bound = null;

        builder.AddKafkaConsumer<string, string>("kafka", settings => bound = settings);

        Assert.NotNull(bound);
        Assert.Equal("127.0.0.1:19092", bound.Config.BootstrapServers);
        Assert.Equal("sink", bound.Config.GroupId);
        Assert.Equal(AutoOffsetReset.Earliest, bound.Config.AutoOffsetReset);
        Assert.False(bound.Config.EnableAutoCommit);
        Assert.Equal(0, bound.Config.StatisticsIntervalMs);

        using var host = builder.Build();
        Assert.Contains("Kafka_kafka_consumer", TestHost.HealthCheckNames(host));
    }

    [Fact]
    public void The_connection_names_section_is_bound_over_the_shared_one_as_Aspire_Confluent_Kafka_binds_it()
    {
        var builder = TestHost.CreateBuilder(
            ("ConnectionStrings:kafka", "127.0.0.1:19092"),
            ("ConnectionStrings:other", "127.0.0.1:29092"),
            ("Aspire:Confluent:Kafka:Consumer:Config:GroupId", "shared"),
            ("Aspire:Confluent:Kafka:Consumer:Config:fetch.wait.max.ms", "100"),
            ("Aspire:Confluent:Kafka:Consumer:kafka:Config:GroupId", "named"),
            ("Aspire:Confluent:Kafka:Consumer:kafka:DisableHealthChecks", "true"));
        KafkaConsumerSettings? named = null;
        KafkaConsumerSettings? other = null;

        builder.AddKafkaConsumer<string, string>("kafka", settings => named = settings);
        builder.AddKafkaConsumer<string, byte[]>("other", settings => other = settings);

        Assert.Equal(("named", 100, true), (named!.Config.GroupId, named.Config.FetchWaitMaxMs, named.DisableHealthChecks));
        Assert.Equal(("shared", 100, false), (other!.Config.GroupId, other.Config.FetchWaitMaxMs, other.DisableHealthChecks));
        using var host = builder.Build();
        Assert.Equal(["Kafka_other_consumer"], TestHost.HealthCheckNames(host).Where(n => n.StartsWith("Kafka_", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_settings_connection_string_is_used_when_ConnectionStrings_has_none()
    {
        var builder = TestHost.CreateBuilder(("Aspire:Confluent:Kafka:Producer:ConnectionString", "127.0.0.1:29092"));
        KafkaProducerSettings? bound = null;

        builder.AddKafkaProducer<string, string>("kafka", settings => bound = settings);

        Assert.Equal("127.0.0.1:29092", bound!.Config.BootstrapServers);
    }

    [Fact]
    public void ConnectionStrings_wins_over_bootstrap_servers_in_the_config_section()
    {
        var builder = TestHost.CreateBuilder(
            ("ConnectionStrings:kafka", "127.0.0.1:19092"),
            ("Aspire:Confluent:Kafka:Producer:Config:bootstrap.servers", "10.0.0.1:9092"));
        KafkaProducerSettings? bound = null;

        builder.AddKafkaProducer<string, string>("kafka", settings => bound = settings);

        Assert.Equal("127.0.0.1:19092", bound!.Config.BootstrapServers);
    }

    [Fact]
    public void A_second_client_type_on_the_same_connection_shares_one_health_check()
    {
        var builder = TestHost.CreateBuilder(("ConnectionStrings:kafka", "127.0.0.1:19092"));

        builder.AddKafkaProducer<string, string>("kafka");
        builder.AddKafkaProducer<Null, byte[]>("kafka");

        using var host = builder.Build();
        Assert.Single(TestHost.HealthCheckNames(host), name => name == "Kafka_kafka_producer");
    }

    [Fact]
    public void A_non_positive_health_check_timeout_is_refused_with_the_key_to_fix()
    {
        var builder = TestHost.CreateBuilder(
            ("ConnectionStrings:kafka", "127.0.0.1:19092"),
            ("Aspire:Confluent:Kafka:Producer:HealthCheckTimeout", "00:00:00"));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddKafkaProducer<string, string>("kafka"));

        Assert.Contains("Aspire:Confluent:Kafka:Producer:HealthCheckTimeout", error.Message, StringComparison.Ordinal);
    }
}
