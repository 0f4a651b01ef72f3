using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using PinterestPipeline.DevKafka.Broker;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.RestProxy.Tests.Kafka;

/// <summary>
/// The proxy as its own process (its console is what an operator reads) against DevKafka's broker, taken down and up
/// in the test: the metadata reads answer 503/50302 for the whole outage, and the console gets a few lines about it,
/// not one per reconnect attempt.
/// </summary>
public sealed partial class OutageProcessTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task Metadata_reads_answer_50302_during_an_outage_and_the_console_gets_a_few_lines_naming_the_broker()
    {
        await using var broker = DevBroker.Start();
        var topic = UniqueName.For("outage-meta");
        broker.CreateTopic(topic, 2);
        var port = FreePort.Next();
        using var proxy = ServiceProcess.Start("PinterestPipeline.RestProxy", new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = broker.BootstrapServers,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["RestProxy:MetadataTimeout"] = "00:00:01",
        });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await UntilAsync(async () => await StatusAsync(client, "/health") == HttpStatusCode.OK, TimeSpan.FromSeconds(60), () => "the proxy did not turn Healthy:\n" + proxy.Output);
        string[] reads = ["/topics", $"/topics/{topic}", $"/topics/{topic}/partitions", $"/topics/{topic}/partitions/1"];
        foreach (var path in reads)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, path));
        }

        var before = proxy.Output.Length;
        broker.Cluster.SetBrokerDown();
        var watch = Stopwatch.StartNew();

        // Until the proxy notices (the connection's close, a failed metadata request) an answer may still be 200.
        await UntilAsync(async () => await StatusAsync(client, "/topics") == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15), () => "GET /topics did not turn 503");
        var answers = new List<string>();
        while (watch.Elapsed < Outage)
        {
            foreach (var path in reads)
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                answers.Add($"{path}: {(int)response.StatusCode} {body}");
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, answers[^1]);
                using var document = JsonDocument.Parse(body);
                Assert.Equal(50302, document.RootElement.GetProperty("error_code").GetInt32());
                Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("message").GetString()));
            }

            await Task.Delay(200);
        }

        var outageLog = proxy.Output[before..];
        var entries = Entries(outageLog);
        var kafkaWarnings = entries.Where(e => e.Level is "warn" or "fail" or "crit" && e.Category == "Confluent.Kafka").ToList();
        var report = $"{answers.Count} answers during a {watch.Elapsed.TotalSeconds:0} s outage; log entries:\n{string.Join('\n', entries.Select(e => e.ToString()))}";

        // One line when the broker's address goes down per client (the producer; the GetRecords reader is idle), one
        // more at most if a later failure is more severe; librdkafka retried the broker many times meanwhile.
        Assert.True(kafkaWarnings.Count is >= 1 and <= 4, report);
        Assert.True(kafkaWarnings.TrueForAll(e => e.Message.Contains($"127.0.0.1:{broker.Port}/", StringComparison.Ordinal)), report);
        Assert.True(entries.Count(e => e.Level is "warn" or "fail" or "crit") <= 6, report);

        broker.Cluster.SetBrokerUp();
        await UntilAsync(async () => await StatusAsync(client, "/topics") == HttpStatusCode.OK, TimeSpan.FromSeconds(60), () => "GET /topics did not recover");
        foreach (var path in reads)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, path));
        }

        // The statistics (every 5 s) show the broker connected again: one line says so.
        await UntilAsync(
            () => Task.FromResult(Entries(proxy.Output[before..]).Any(e => e.Level == "info" && e.Category == "Confluent.Kafka" && e.Message.Contains("connected again after", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30),
            () => "no line said the broker was connected again:\n" + proxy.Output[before..]);
        var reconnected = Entries(proxy.Output[before..]).Where(e => e.Message.Contains("connected again after", StringComparison.Ordinal)).ToList();
        Assert.Single(reconnected);
        Assert.Contains($"127.0.0.1:{broker.Port}/", reconnected[0].Message, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    private static Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, Func<string> what) =>
        Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    return await condition();
                }
                catch (HttpRequestException)
                {
                    // The process is still starting.
                    return false;
                }
            },
            within,
            what,
            TimeSpan.FromMilliseconds(250));

    /// <summary>The console logger's entries: <c>warn: Category[id]</c> and the message on the next, indented line.</summary>
    private static List<LogEntry> Entries(string console) =>
        [.. EntryPattern().Matches(console).Select(m => new LogEntry(m.Groups["level"].Value, m.Groups["category"].Value, m.Groups["message"].Value.Trim()))];

    [GeneratedRegex(@"^(?<level>trce|dbug|info|warn|fail|crit): (?<category>[^\[\r\n]+)\[\d+\]\r?\n(?<message>(?:[ ]{6}.*\r?\n?)*)", RegexOptions.Multiline)]
    private static partial Regex EntryPattern();

    private sealed record LogEntry(string Level, string Category, string Message)
    {
        public override string ToString() => $"{Level}: {Category}: {Message}";
    }
}
