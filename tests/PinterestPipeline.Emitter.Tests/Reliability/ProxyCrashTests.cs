using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PinterestPipeline.Emitter.Tests.Infrastructure;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;
using PinterestPipeline.TestSupport.MySql;

namespace PinterestPipeline.Emitter.Tests.Reliability;

/// <summary>
/// The emitter and the real proxy as separate processes, the proxy SIGKILLed while requests are in flight: the records
/// in Kafka are exactly the seeded offsets' rows, once each (the emitter's Idempotency-Key makes the retry of a request
/// whose answer was lost an answer with the first offsets, also from a proxy that restarted in between).
/// </summary>
[Collection(EmitterRuns.Name)]
public sealed class ProxyCrashTests(MySqlFixture mysql, KafkaFixture kafka) : IClassFixture<KafkaFixture>, IAsyncLifetime
{
    private const int RowCount = 200;
    private const int Seed = 100;
    private static readonly string[] Suffixes = ["pin", "geo", "user"];

    private readonly string prefix = UniqueName.For("crash");
    private string connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        connectionString = await mysql.Server.CreateDatabaseAsync("proxy_crash");
        await SourceDatabase.CreateAsync(connectionString, Enumerable.Range(0, RowCount));
        foreach (var suffix in Suffixes)
        {
            // Several partitions: the restarted proxy reads the keys back from each.
            kafka.Broker.CreateTopic($"{prefix}.{suffix}", 3);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_proxy_SIGKILLed_5_times_during_a_run_leaves_every_event_in_Kafka_exactly_once()
    {
        const int count = 800;
        using var proxy = await RestProxyProcess.StartAsync(kafka.BootstrapServers);
        using var emitter = StartEmitter(proxy.BaseUrl, count, ("Emitter:Concurrency", "8"));

        for (var kill = 1; kill <= 5; kill++)
        {
            // Each kill once the run has moved on, so all five land mid-run with requests in flight.
            await WaitForRecordsAsync($"{prefix}.pin", kill * 120, emitter, proxy);
            proxy.Kill();
            await Task.Delay(TimeSpan.FromSeconds(1));
            proxy.Restart();
        }

        var exitCode = await emitter.WaitForExitAsync(TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, $"The emitter exited {exitCode}:\n{emitter.Output}");
        Assert.EndsWith($"Delivered {count} of {count} events.", emitter.Output.TrimEnd(), StringComparison.Ordinal);
        AssertEachEventOnce(count);
    }

    [Fact]
    public async Task A_retry_that_reaches_a_restarted_proxy_gets_the_first_offsets_and_produces_nothing()
    {
        const int count = 12;
        const int dropAnswerOf = 17;
        using var proxy = await RestProxyProcess.StartAsync(kafka.BootstrapServers);
        await using var relay = await AnswerDroppingRelay.StartAsync(proxy, dropAnswerOf);
        using var emitter = StartEmitter(relay.BaseUrl, count, ("Emitter:Concurrency", "1"));

        var exitCode = await emitter.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"The emitter exited {exitCode}:\n{emitter.Output}");
        var dropped = relay.Exchanges[dropAnswerOf - 1];
        var retry = relay.Exchanges[dropAnswerOf];
        Assert.NotNull(dropped.IdempotencyKey);
        Assert.Equal((dropped.Path, dropped.IdempotencyKey, dropped.RequestBody), (retry.Path, retry.IdempotencyKey, retry.RequestBody));
        Assert.Equal(200, dropped.Status);
        Assert.True((dropped.Status, dropped.ResponseBody) == (retry.Status, retry.ResponseBody),
            $"The retry got {retry.Status} {retry.ResponseBody}, the first request {dropped.Status} {dropped.ResponseBody}. The proxy's output:\n{proxy.Output}");
        Assert.Equal(3 * count + 1, relay.Exchanges.Count);
        Assert.Equal(3 * count, relay.Exchanges.Select(e => e.IdempotencyKey).Distinct().Count());
        AssertEachEventOnce(count);
    }

    private ServiceProcess StartEmitter(string apiBaseUrl, int count, params (string Key, string? Value)[] overrides) =>
        ServiceProcess.Start("PinterestPipeline.Emitter", EmitterSettings.For(connectionString, apiBaseUrl, prefix, RowCount - 1, count,
        [
            // Quick retries; the default budget (5 minutes) and attempts.
            ("Emitter:Retry:BaseDelay", "00:00:00.050"),
            ("Emitter:Retry:MaxBackoff", "00:00:00.500"),
            .. overrides,
        ]), withTestDependencies: true);

    private Task WaitForRecordsAsync(string topic, long atLeast, ServiceProcess emitter, RestProxyProcess proxy) =>
        Eventually.TrueAsync(
            () => Holds(kafka.BootstrapServers, topic, atLeast, emitter, () => $"The emitter exited before {topic} held {atLeast} records:\n{emitter.Output}"),
            TimeSpan.FromMinutes(2),
            () => $"{topic} did not reach {atLeast} records. The proxy's output:\n{proxy.Output}\nThe emitter's:\n{emitter.Output}",
            TimeSpan.FromMilliseconds(50));

    /// <summary>Whether <paramref name="topic"/> holds <paramref name="atLeast"/> records; fails at once if the emitter exited short of them.</summary>
    internal static bool Holds(string bootstrapServers, string topic, long atLeast, ServiceProcess emitter, Func<string> exited)
    {
        if (TopicRecords.Count(bootstrapServers, topic) >= atLeast)
        {
            return true;
        }

        Assert.False(emitter.HasExited, exited());
        return false;
    }

    /// <summary>Each topic holds one record per event, and its rows' keys are the seeded plan's offsets, repeats included.</summary>
    private void AssertEachEventOnce(int count)
    {
        var planned = PlannedOffsets.For(Seed, RowCount - 1, count).Select(o => (int)o).Order().ToList();
        foreach (var suffix in Suffixes)
        {
            var keys = TopicRecords.Values(kafka.BootstrapServers, $"{prefix}.{suffix}")
                .Select(v => JsonDocument.Parse(v).RootElement.GetProperty(suffix == "pin" ? "index" : "ind").GetInt32())
                .Order()
                .ToList();
            var duplicates = keys.Count - count;
            Assert.True(keys.SequenceEqual(planned),
                $"{prefix}.{suffix} holds {keys.Count} records for {count} events ({duplicates:+0;-0} records); missing: [{string.Join(",", planned.Except(keys))}]");
        }
    }

    /// <summary>
    /// An HTTP relay in front of the proxy that, for one request, passes the proxy's answer on to nobody: it SIGKILLs and
    /// restarts the proxy and then drops the client's connection, so the client's retry reaches a proxy that never saw it.
    /// </summary>
    private sealed class AnswerDroppingRelay : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly HttpClient http = new();
        private readonly RestProxyProcess proxy;
        private readonly int dropAnswerOf;
        private readonly List<Exchange> exchanges = [];
        private readonly SemaphoreSlim oneAtATime = new(1, 1);

        private AnswerDroppingRelay(RestProxyProcess proxy, int dropAnswerOf)
        {
            this.proxy = proxy;
            this.dropAnswerOf = dropAnswerOf;
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            app = builder.Build();
            app.MapPost("/topics/{topic}", RelayAsync);
        }

        public string BaseUrl { get; private set; } = string.Empty;

        public IReadOnlyList<Exchange> Exchanges
        {
            get
            {
                lock (exchanges)
                {
                    return [.. exchanges];
                }
            }
        }

        public static async Task<AnswerDroppingRelay> StartAsync(RestProxyProcess proxy, int dropAnswerOf)
        {
            var relay = new AnswerDroppingRelay(proxy, dropAnswerOf);
            await relay.app.StartAsync();
            relay.BaseUrl = relay.app.Urls.Single();
            return relay;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
            http.Dispose();
            oneAtATime.Dispose();
        }

        private async Task RelayAsync(HttpContext context)
        {
            await oneAtATime.WaitAsync();
            try
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync();
                var key = context.Request.Headers["Idempotency-Key"].ToString();
                using var forward = new HttpRequestMessage(HttpMethod.Post, new Uri(proxy.BaseUrl + context.Request.Path))
                {
                    Content = new StringContent(body, MediaTypeHeaderValue.Parse(context.Request.ContentType!)),
                };
                if (key.Length > 0)
                {
                    forward.Headers.Add("Idempotency-Key", key);
                }

                using var answer = await http.SendAsync(forward);
                var answerBody = await answer.Content.ReadAsStringAsync();
                int number;
                lock (exchanges)
                {
                    exchanges.Add(new Exchange(context.Request.Path, key.Length > 0 ? key : null, body, (int)answer.StatusCode, answerBody));
                    number = exchanges.Count;
                }

                if (number == dropAnswerOf)
                {
                    proxy.Kill();
                    proxy.Restart();
                    await proxy.WaitUntilServingAsync();
                    context.Abort();
                    return;
                }

                context.Response.StatusCode = (int)answer.StatusCode;
                context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
                await context.Response.WriteAsync(answerBody);
            }
            finally
            {
                oneAtATime.Release();
            }
        }
    }

    private sealed record Exchange(string Path, string? IdempotencyKey, string RequestBody, int Status, string ResponseBody);
}

/// <summary>
/// The proxy down for a minute in the middle of a <c>Count</c> run with the emitter's default retry settings: the run
/// waits it out and delivers every event once. A class of its own, so that the minute of waiting overlaps other tests.
/// </summary>
[Collection(ProxyOutage.Name)]
public sealed class ProxyOutageTests(MySqlFixture mysql, KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private const int RowCount = 50;
    private const int Count = 30;

    [Fact]
    public async Task A_60_s_proxy_outage_during_a_Count_run_is_waited_out_with_the_default_retries_and_every_event_is_delivered_once()
    {
        var connectionString = await mysql.Server.CreateDatabaseAsync("proxy_outage");
        await SourceDatabase.CreateAsync(connectionString, Enumerable.Range(0, RowCount));
        var prefix = UniqueName.For("outage");
        foreach (var suffix in new[] { "pin", "geo", "user" })
        {
            kafka.Broker.CreateTopic($"{prefix}.{suffix}", 1);
        }

        using var proxy = await RestProxyProcess.StartAsync(kafka.BootstrapServers);
        // The shipped retry settings: nothing under Emitter:Retry is set.
        var settings = EmitterSettings.For(connectionString, proxy.BaseUrl, prefix, RowCount - 1, Count,
            ("Emitter:Concurrency", "4"), ("Emitter:MinDelay", "00:00:00.050"), ("Emitter:MaxDelay", "00:00:00.100"));
        settings.Remove("Emitter:Retry:BaseDelay");
        settings.Remove("Emitter:Retry:MaxBackoff");
        using var emitter = ServiceProcess.Start("PinterestPipeline.Emitter", settings, withTestDependencies: true);

        await Eventually.TrueAsync(
            () => ProxyCrashTests.Holds(kafka.BootstrapServers, $"{prefix}.pin", 8, emitter, () => $"The run did not get going:\n{emitter.Output}"),
            TimeSpan.FromMinutes(1),
            () => $"The run did not get going:\n{emitter.Output}",
            TimeSpan.FromMilliseconds(20));

        proxy.Kill();
        var pinBeforeOutage = TopicRecords.Count(kafka.BootstrapServers, $"{prefix}.pin");
        await Task.Delay(TimeSpan.FromSeconds(60));
        Assert.False(emitter.HasExited, $"The emitter gave up during the outage:\n{emitter.Output}");
        proxy.Restart();
        var exitCode = await emitter.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(pinBeforeOutage < Count, "The outage should have come mid-run.");
        Assert.True(exitCode == 0, $"The emitter exited {exitCode}:\n{emitter.Output}");
        Assert.EndsWith($"Delivered {Count} of {Count} events.", emitter.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("failed (no response: Connection refused", emitter.Output, StringComparison.Ordinal);
        var planned = PlannedOffsets.For(100, RowCount - 1, Count).Select(o => (int)o).Order();
        foreach (var (suffix, key) in new[] { ("pin", "index"), ("geo", "ind"), ("user", "ind") })
        {
            var keys = TopicRecords.Values(kafka.BootstrapServers, $"{prefix}.{suffix}")
                .Select(v => JsonDocument.Parse(v).RootElement.GetProperty(key).GetInt32())
                .Order();
            Assert.Equal(planned, keys);
        }
    }
}

/// <summary>The outage test's own collection and MariaDB server, so it runs beside the other emitter runs.</summary>
[CollectionDefinition(Name)]
public sealed class ProxyOutage : ICollectionFixture<MySqlFixture>
{
    public const string Name = "Proxy outage";
}

/// <summary>What a topic holds, read with a plain consumer (no group), across all its partitions.</summary>
internal static class TopicRecords
{
    public static long Count(string bootstrapServers, string topic)
    {
        using var consumer = Consumer(bootstrapServers);
        return Partitions(consumer, topic).Sum(p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
    }

    public static List<byte[]> Values(string bootstrapServers, string topic)
    {
        using var consumer = Consumer(bootstrapServers);
        var ends = Partitions(consumer, topic).ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var values = new List<byte[]>();
        var expected = ends.Values.Sum();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (values.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200))?.Message is { } message)
            {
                values.Add(message.Value);
            }
        }

        Assert.True(values.Count == expected, string.Create(CultureInfo.InvariantCulture, $"Read {values.Count} of {expected} records of {topic}."));
        return values;
    }

    private static IConsumer<Ignore, byte[]> Consumer(string bootstrapServers) =>
        new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = UniqueName.For("reader"),
            EnableAutoCommit = false,
        }).Build();

    private static List<TopicPartition> Partitions(IConsumer<Ignore, byte[]> consumer, string topic)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        return [.. metadata.Topics.Single().Partitions.Select(p => new TopicPartition(topic, p.PartitionId))];
    }
}
