using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;

namespace PinterestPipeline.ServiceDefaults.Tests.Kafka;

public sealed class KafkaMetricsTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    [Fact]
    public async Task Librdkafka_statistics_become_metric_values_on_the_pipeline_meter()
    {
        var topic = kafka.CreateTopic("metrics");
        var builder = TestHost.CreateBuilder(
            ("ConnectionStrings:kafka", kafka.BootstrapServers),
            ("Aspire:Confluent:Kafka:Producer:Config:statistics.interval.ms", "100"),
            ("Aspire:Confluent:Kafka:Consumer:Config:StatisticsIntervalMs", "100"),
            ("Aspire:Confluent:Kafka:Consumer:Config:GroupId", UniqueName.For("metrics")));
        var callerSamples = 0;
        builder.AddKafkaProducer<Null, string>("kafka", configureBuilder: (_, producer) => producer.SetStatisticsHandler((_, _) => Interlocked.Increment(ref callerSamples)));
        builder.AddKafkaConsumer<Null, string>("kafka");
        using var host = builder.Build();
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var sent = new MetricCollector<long>(meters, PipelineTelemetry.MeterName, KafkaClientMetrics.MessagesSent);
        using var received = new MetricCollector<long>(meters, PipelineTelemetry.MeterName, KafkaClientMetrics.MessagesReceived);
        using var bytesSent = new MetricCollector<long>(meters, PipelineTelemetry.MeterName, KafkaClientMetrics.BytesSent);
        using var errors = new MetricCollector<long>(meters, PipelineTelemetry.MeterName, KafkaClientMetrics.Errors);
        using var rtt = new MetricCollector<double>(meters, PipelineTelemetry.MeterName, KafkaClientMetrics.BrokerRoundTrip);
        var producer = host.Services.GetRequiredService<IProducer<Null, string>>();
        var consumer = host.Services.GetRequiredService<IConsumer<Null, string>>();

        for (var i = 0; i < 3; i++)
        {
            await producer.ProduceAsync(topic, new Message<Null, string> { Value = $"m{i}" });
        }

        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var consumed = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // The consumer serves its statistics callback inside Consume, so keep polling until the numbers show.
        while (DateTime.UtcNow < deadline && !(consumed >= 3 && Max(sent, "producer") >= 3 && Max(received, "consumer") >= 3 && rtt.GetMeasurementSnapshot().Any(m => m.Value > 0)))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false })
            {
                consumed++;
            }

            foreach (var collector in new[] { sent, received, bytesSent, errors })
            {
                collector.RecordObservableInstruments();
            }

            rtt.RecordObservableInstruments();
        }

        Assert.Equal(3, consumed);
        Assert.True(Volatile.Read(ref callerSamples) > 0, "the caller's own statistics handler was not called");
        Assert.True(Max(sent, "producer") >= 3, "messages sent by the producer never reached 3");
        Assert.True(Max(received, "consumer") >= 3, "messages received by the consumer never reached 3");
        Assert.True(Max(bytesSent, "producer") > 0, "no bytes sent were reported");
        Assert.Contains(errors.GetMeasurementSnapshot(), m => (string?)m.Tags["messaging.system"] == "kafka");
        Assert.Contains(rtt.GetMeasurementSnapshot(), m => m.Value > 0 && m.Tags.ContainsKey("messaging.kafka.broker"));
    }

    private static long Max(MetricCollector<long> collector, string clientKind) =>
        collector.GetMeasurementSnapshot()
            .Where(m => m.Tags.TryGetValue("messaging.client.id", out var id) && ((string)id!).Contains(clientKind, StringComparison.Ordinal))
            .Select(m => m.Value)
            .DefaultIfEmpty(0)
            .Max();
}
