using System.Text.Json;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The cumulative counters of one librdkafka statistics sample (see librdkafka's STATISTICS.md), plus the
/// last known average round-trip time per broker in seconds.
/// </summary>
internal sealed record KafkaStatisticsSnapshot(
    string Name,
    long MessagesSent,
    long MessagesReceived,
    long BytesSent,
    long BytesReceived,
    long Errors,
    IReadOnlyDictionary<string, double> BrokerRoundTripSeconds)
{
    public static KafkaStatisticsSnapshot Parse(string json, KafkaStatisticsSnapshot? previous)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        long errors = 0;
        // A window without requests reports avg 0: keep the last real value rather than claim a 0 s round trip.
        var rtt = new Dictionary<string, double>(previous?.BrokerRoundTripSeconds ?? new Dictionary<string, double>(), StringComparer.Ordinal);
        if (root.TryGetProperty("brokers", out var brokers))
        {
            foreach (var broker in brokers.EnumerateObject())
            {
                // The internal pseudo-broker holds the client's own queues, not a connection.
                if (broker.Value.TryGetProperty("source", out var source) && source.ValueEquals("internal"))
                {
                    continue;
                }

                errors += Long(broker.Value, "txerrs") + Long(broker.Value, "rxerrs");
                if (broker.Value.TryGetProperty("rtt", out var window) && Long(window, "cnt") > 0)
                {
                    rtt[broker.Name] = Long(window, "avg") / 1_000_000d;
                }
            }
        }

        return new KafkaStatisticsSnapshot(
            root.GetProperty("name").GetString() ?? throw new JsonException("The statistics have no client name."),
            Long(root, "txmsgs"),
            Long(root, "rxmsgs"),
            Long(root, "tx_bytes"),
            Long(root, "rx_bytes"),
            errors,
            rtt);
    }

    private static long Long(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}
