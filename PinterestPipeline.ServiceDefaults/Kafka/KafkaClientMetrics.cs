using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Kafka client metrics on the <see cref="PipelineTelemetry.MeterName"/> meter, fed by librdkafka's
/// statistics callback. librdkafka already keeps cumulative totals, so the counters are observable:
/// they report the latest sample per client instead of re-adding deltas.
/// </summary>
internal sealed class KafkaClientMetrics
{
    public const string MessagesSent = "messaging.publish.messages";
    public const string MessagesReceived = "messaging.receive.messages";
    public const string BytesSent = "messaging.kafka.network.transmitted";
    public const string BytesReceived = "messaging.kafka.network.received";
    public const string Errors = "messaging.kafka.network.errors";
    public const string BrokerRoundTrip = "messaging.kafka.broker.rtt";

    private readonly ConcurrentDictionary<string, KafkaStatisticsSnapshot> latest = new(StringComparer.Ordinal);
    private readonly ILogger logger;

    public KafkaClientMetrics(IMeterFactory meterFactory, ILoggerFactory loggerFactory)
    {
        logger = loggerFactory.CreateLogger(KafkaLog.CategoryName);
        var meter = meterFactory.Create(PipelineTelemetry.MeterName);
        meter.CreateObservableCounter(MessagesSent, () => Observe(s => s.MessagesSent), "{message}", "Messages produced to Kafka brokers.");
        meter.CreateObservableCounter(MessagesReceived, () => Observe(s => s.MessagesReceived), "{message}", "Messages consumed from Kafka brokers.");
        meter.CreateObservableCounter(BytesSent, () => Observe(s => s.BytesSent), "By", "Bytes sent to Kafka brokers.");
        meter.CreateObservableCounter(BytesReceived, () => Observe(s => s.BytesReceived), "By", "Bytes received from Kafka brokers.");
        meter.CreateObservableCounter(Errors, () => Observe(s => s.Errors), "{error}", "Transmit and receive errors on Kafka broker connections.");
        meter.CreateObservableGauge(BrokerRoundTrip, ObserveRoundTrips, "s", "Average request round-trip time per Kafka broker in the last statistics window.");
    }

    /// <summary>Runs on the client's poll thread once per <c>statistics.interval.ms</c>; never throws into librdkafka.</summary>
    public void Record(string clientName, string json)
    {
        try
        {
            latest.AddOrUpdate(
                clientName,
                static (_, json) => KafkaStatisticsSnapshot.Parse(json, previous: null),
                static (_, previous, json) => KafkaStatisticsSnapshot.Parse(json, previous),
                json);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            KafkaLog.UnreadableStatistics(logger, clientName, ex);
        }
    }

    private IEnumerable<Measurement<long>> Observe(Func<KafkaStatisticsSnapshot, long> value) =>
        latest.Values.Select(s => new Measurement<long>(value(s), Tags(s)));

    private IEnumerable<Measurement<double>> ObserveRoundTrips() =>
        latest.Values.SelectMany(s => s.BrokerRoundTripSeconds.Select(b =>
            new Measurement<double>(b.Value, [.. Tags(s), new("messaging.kafka.broker", b.Key)])));

    private static KeyValuePair<string, object?>[] Tags(KafkaStatisticsSnapshot snapshot) =>
        [new("messaging.system", "kafka"), new("messaging.client.id", snapshot.Name)];
}
