using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// One client's librdkafka log lines and error events in <see cref="ILogger"/>, each once and with one severity
/// mapping (<see cref="KafkaLog.ToLogLevel"/> for log lines; Warning for errors, Critical for fatal ones).
/// librdkafka retries an unreachable broker every few hundred milliseconds and reports every attempt twice (a FAIL
/// log line and an error event), so a broker's failures are logged when it goes down (and again only if they get
/// more severe: a second failure is at least a Warning), then at Debug until the statistics show a broker at that address connected again, which is logged once.
/// </summary>
internal sealed class KafkaClientLog(ILogger logger, TimeProvider time)
{
    /// <summary>
    /// A broker with no failure for this long is forgotten, so its next failure is logged again, also when no
    /// statistics arrive to show it connected (statistics off, or a consumer that is not polled). librdkafka retries
    /// a broker it needs at least every <c>reconnect.backoff.max.ms</c> (10 s by default).
    /// </summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromSeconds(60);

    private readonly Lock gate = new();
    private readonly Dictionary<string, BrokerOutage> outages = new(StringComparer.Ordinal);

    public void OnLog(LogMessage message)
    {
        var level = KafkaLog.ToLogLevel(message.Level);
        if (message.Facility == "FAIL" && BrokerFailure.TryParse(message.Message, out var failure))
        {
            BrokerFailed(message.Name, failure, level, message.Facility);
            return;
        }

        KafkaLog.Librdkafka(logger, level, message.Name, message.Facility, message.Message);
    }

    public void OnError(string client, Error error)
    {
        if (error.IsFatal)
        {
            KafkaLog.Fatal(logger, client, error.Code, error.Reason);
            return;
        }

        if (BrokerFailure.TryParse(error.Reason, out var failure))
        {
            BrokerFailed(client, failure, LogLevel.Warning, error.Code.ToString());
            return;
        }

        // "1/1 brokers are down" follows the brokers' own failures, which are logged already.
        if (error.Code == ErrorCode.Local_AllBrokersDown && HasOutage())
        {
            KafkaLog.Repeated(logger, client, nameof(ErrorCode.Local_AllBrokersDown), error.Reason);
            return;
        }

        KafkaLog.Error(logger, client, error.Code, error.Reason);
    }

    /// <summary>Looks for brokers with an outage that the statistics show connected again; parses only while there are some.</summary>
    public void OnStatistics(string json)
    {
        if (!HasOutage())
        {
            return;
        }

        var up = new List<string>();
        string? client = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            client = document.RootElement.TryGetProperty("name", out var name) ? name.GetString() : null;
            if (document.RootElement.TryGetProperty("brokers", out var brokers) && brokers.ValueKind == JsonValueKind.Object)
            {
                foreach (var broker in brokers.EnumerateObject())
                {
                    if (broker.Value.TryGetProperty("state", out var state) && state.ValueEquals("UP"))
                    {
                        up.Add(broker.Name);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // KafkaClientMetrics reports unreadable statistics; without them the outage ends by ForgetAfter.
            return;
        }

        var now = time.GetUtcNow();
        foreach (var broker in up)
        {
            BrokerOutage? ended;
            lock (gate)
            {
                if (!outages.Remove(BrokerFailure.AddressOf(broker), out ended))
                {
                    continue;
                }
            }

            // An outage logged at Information only (an idle connection the broker closed) needs no end line either.
            if (ended.Reported >= LogLevel.Warning)
            {
                KafkaLog.BrokerConnected(logger, client ?? ended.Client, broker, (now - ended.Since).TotalSeconds, ended.Repeats);
            }
        }
    }

    private bool HasOutage()
    {
        lock (gate)
        {
            return outages.Count > 0;
        }
    }

    private void BrokerFailed(string client, BrokerFailure failure, LogLevel level, string source)
    {
        var now = time.GetUtcNow();
        bool log;
        lock (gate)
        {
            if (!outages.TryGetValue(failure.Address, out var outage) || now - outage.Last > ForgetAfter)
            {
                outage = new BrokerOutage(client, now);
                outages[failure.Address] = outage;
            }

            outage.Last = now;

            // librdkafka logs a closed connection at Information (brokers close idle ones); failing again is an outage.
            if (outage.Failures++ > 0 && level < LogLevel.Warning)
            {
                level = LogLevel.Warning;
            }

            log = level > outage.Reported;
            if (log)
            {
                outage.Reported = level;
            }
            else
            {
                outage.Repeats++;
            }
        }

        if (log)
        {
            KafkaLog.BrokerFailed(logger, level, client, failure.Broker, source, failure.Reason);
        }
        else
        {
            KafkaLog.Repeated(logger, client, source, failure.Reason);
        }
    }

    private sealed class BrokerOutage(string client, DateTimeOffset since)
    {
        public string Client { get; } = client;

        public DateTimeOffset Since { get; } = since;

        public DateTimeOffset Last { get; set; } = since;

        /// <summary>The highest level logged for this outage; Trace until its first line.</summary>
        public LogLevel Reported { get; set; } = LogLevel.Trace;

        public int Repeats { get; set; }

        public int Failures { get; set; }
    }
}
