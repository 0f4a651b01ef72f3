using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;
using PinterestPipeline.Emitter.Tests.Infrastructure;
using PinterestPipeline.Emitter.Worker;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.MySql;

namespace PinterestPipeline.Emitter.Tests.Worker;

/// <summary>
/// The whole worker against a real MariaDB and a real HTTP server standing in for the REST proxy. The tests run one after
/// another, and not beside other classes that run the emitter, because the emitter sets the process exit code.
/// </summary>
[Collection(EmitterRuns.Name)]
public sealed class EmitterWorkerTests(MySqlFixture mysql) : IAsyncLifetime
{
    // Keys 0, 3, 6, ... 147: gaps on purpose; offset n reads key 3n.
    private const int RowCount = 50;
    private const string JsonV2 = "application/vnd.kafka.json.v2+json";

    private readonly string prefix = UniqueName.For("emit");
    private string connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        connectionString = await mysql.Server.CreateDatabaseAsync("emitter");
        await SourceDatabase.CreateAsync(connectionString, Enumerable.Range(0, RowCount).Select(i => i * 3));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Dictionary<string, string?> Settings(string apiBaseUrl, long count, params (string Key, string? Value)[] overrides) =>
        EmitterSettings.For(connectionString, apiBaseUrl, prefix, RowCount - 1, count, overrides);

    private static JsonElement Value(StubRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        var records = body.RootElement.GetProperty("records");
        Assert.Equal(1, records.GetArrayLength());
        return records[0].GetProperty("value").Clone();
    }

    [Fact]
    public async Task Count_N_posts_exactly_3N_records_each_equal_to_the_row_at_its_offset()
    {
        const int count = 20;
        await using var stub = await ProxyStub.StartAsync();
        using var recorder = new PipelineSpans();
        var emitter = EmitterTestHost.Create(Settings(stub.BaseUrl, count, ("Emitter:Concurrency", "4"), ("Emitter:Headers:x-api-key", "key-123")));

        await emitter.RunToCompletionAsync();

        var requests = stub.Requests;
        var spans = recorder.Stopped;
        Assert.Equal(3 * count, requests.Count);
        Assert.All(requests, r => Assert.Equal(JsonV2, r.ContentType));
        Assert.All(requests, r => Assert.Equal("key-123", r.Headers["x-api-key"]));
        foreach (var suffix in new[] { "pin", "geo", "user" })
        {
            Assert.Equal(count, requests.Count(r => r.Topic == $"{prefix}.{suffix}"));
        }

        // Each event is one trace whose id reaches the proxy in traceparent: it groups the three POSTs of an event.
        var events = requests.GroupBy(r => r.TraceId).ToArray();
        Assert.Equal(count, events.Length);
        var keys = new List<int>();
        foreach (var posted in events)
        {
            var pin = Value(posted.Single(r => r.Topic == $"{prefix}.pin"));
            var geo = Value(posted.Single(r => r.Topic == $"{prefix}.geo"));
            var user = Value(posted.Single(r => r.Topic == $"{prefix}.user"));
            var key = pin.GetProperty("index").GetInt32();
            Assert.Equal(key, geo.GetProperty("ind").GetInt32());
            Assert.Equal(key, user.GetProperty("ind").GetInt32());
            keys.Add(key);

            await RowAssert.EqualsRowAsync(connectionString, "pinterest_data", "index", pin);
            await RowAssert.EqualsRowAsync(connectionString, "geolocation_data", "ind", geo);
            await RowAssert.EqualsRowAsync(connectionString, "user_data", "ind", user);
        }

        Assert.Equal(PlannedOffsets.For(100, RowCount - 1, count).Select(o => (int)o * 3).Order(), keys.Order());

        var posts = spans.Where(s => s.GetTagItem("messaging.destination.name") is string topic && topic.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        var roots = spans.Where(s => posts.Any(p => p.ParentSpanId == s.SpanId)).ToArray();
        Assert.Equal(count, roots.Length);
        Assert.All(roots, root =>
        {
            Assert.Equal("emit event", root.DisplayName);
            Assert.Equal(default, root.ParentSpanId);
            Assert.Equal(3, posts.Count(p => p.ParentSpanId == root.SpanId));
        });

        var totals = emitter.Stats.Snapshot();
        Assert.Equal((count, 3L * count, 0L, 0L), (totals.Events, totals.PostsOk, totals.PostsFailed, totals.PostRetries));
        Assert.Equal((EmitterRunResult.Success, $"Delivered {count} of {count} events."), (emitter.Result.ExitCode, emitter.Result.FinalLine));
    }

    [Fact]
    public async Task A_fixed_seed_posts_the_same_offsets_on_every_run()
    {
        async Task<int[]> RunAsync()
        {
            await using var stub = await ProxyStub.StartAsync();
            await EmitterTestHost.Create(Settings(stub.BaseUrl, 8, ("Emitter:Seed", "7"))).RunToCompletionAsync();
            return [.. stub.Requests.Where(r => r.Topic.EndsWith(".pin", StringComparison.Ordinal)).Select(r => Value(r).GetProperty("index").GetInt32())];
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(PlannedOffsets.For(7, RowCount - 1, 8).Select(o => (int)o * 3), first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Http_503_and_record_error_50003_are_retried_until_the_post_succeeds()
    {
        await using var stub = await ProxyStub.StartAsync(r => r.Number switch
        {
            1 or 2 => StubResponse.Error(503, 50302, "Broker not available."),
            3 => StubResponse.RecordError(50003, "Retriable Kafka error."),
            _ => StubResponse.Ok(r.Number),
        });
        var emitter = EmitterTestHost.Create(Settings(stub.BaseUrl, 2));
        using var posts = new MetricCollector<long>(emitter.Host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), PipelineTelemetry.MeterName, "pipeline.emitter.posts");

        await emitter.RunToCompletionAsync();

        var requests = stub.Requests;
        Assert.Equal(9, requests.Count);
        Assert.All(requests.Take(4), r => Assert.Equal($"{prefix}.pin", r.Topic));
        Assert.Single(requests.Take(4).Select(r => r.Body).Distinct());
        var totals = emitter.Stats.Snapshot();
        Assert.Equal((2L, 6L, 0L, 0L, 3L), (totals.Events, totals.PostsOk, totals.PostsRejected, totals.PostsFailed, totals.PostRetries));
        Assert.Equal(3, emitter.Logs.GetSnapshot().Count(l => l.Level == LogLevel.Warning && l.Message.Contains("retrying in", StringComparison.Ordinal)));
        Assert.Equal(6, posts.GetMeasurementSnapshot().Where(m => (string?)m.Tags["outcome"] == "ok").Sum(m => m.Value));
    }

    [Fact]
    public async Task A_422_is_logged_with_the_response_and_counted_not_retried_and_the_worker_goes_on()
    {
        await using var stub = await ProxyStub.StartAsync(r => r.Number == 2
            ? StubResponse.Error(422, 42207, "Unprocessable record: value too large")
            : StubResponse.Ok(r.Number));
        var emitter = EmitterTestHost.Create(Settings(stub.BaseUrl, 3));
        using var posts = new MetricCollector<long>(emitter.Host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), PipelineTelemetry.MeterName, "pipeline.emitter.posts");

        await emitter.RunToCompletionAsync();

        Assert.Equal(9, stub.Requests.Count);
        var totals = emitter.Stats.Snapshot();
        Assert.Equal((3L, 8L, 1L, 0L, 0L), (totals.Events, totals.PostsOk, totals.PostsRejected, totals.PostsFailed, totals.PostRetries));
        var rejected = Assert.Single(emitter.LogsAt(LogLevel.Warning), l => l.Message.Contains("rejected, not retried: HTTP 422: ", StringComparison.Ordinal));
        Assert.Contains("Unprocessable record: value too large", rejected.Message, StringComparison.Ordinal);
        var measurement = Assert.Single(posts.GetMeasurementSnapshot(), m => (string?)m.Tags["outcome"] == "rejected");
        Assert.Equal($"{prefix}.geo", measurement.Tags["topic"]);
    }

    [Fact]
    public async Task A_post_that_keeps_failing_is_tried_exactly_MaxAttempts_times_with_no_hidden_second_retry_layer()
    {
        await using var stub = await ProxyStub.StartAsync(r => r.Topic.EndsWith(".pin", StringComparison.Ordinal)
            ? StubResponse.Error(503, 50302, "Broker not available.")
            : StubResponse.Ok(r.Number));
        var emitter = EmitterTestHost.Create(Settings(stub.BaseUrl, 1, ("Emitter:Retry:MaxAttempts", "3")));

        await emitter.RunToCompletionAsync();

        Assert.Equal([3, 1, 1], new[] { "pin", "geo", "user" }.Select(t => stub.Requests.Count(r => r.Topic == $"{prefix}.{t}")));
        var totals = emitter.Stats.Snapshot();
        Assert.Equal((1L, 2L, 1L, 2L), (totals.Events, totals.PostsOk, totals.PostsFailed, totals.PostRetries));
        Assert.Contains(emitter.LogsAt(LogLevel.Error), l => l.Message.Contains("failed after 3 attempts: HTTP 503: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried()
    {
        await using var stub = await ProxyStub.StartAsync(r => r.Number == 1
            ? StubResponse.Ok(r.Number) with { Delay = TimeSpan.FromSeconds(10) }
            : StubResponse.Ok(r.Number));
        var emitter = EmitterTestHost.Create(Settings(stub.BaseUrl, 1, ("Emitter:Retry:AttemptTimeout", "00:00:00.300")));

        await emitter.RunToCompletionAsync();

        Assert.Equal(4, stub.Requests.Count);
        var totals = emitter.Stats.Snapshot();
        Assert.Equal((3L, 1L), (totals.PostsOk, totals.PostRetries));
    }

    [Fact]
    public async Task The_database_going_away_and_coming_back_is_waited_out()
    {
        const int count = 40;
        await using var relay = TcpRelay.Start(mysql.Server.Port);
        await using var stub = await ProxyStub.StartAsync();
        var throughRelay = new MySqlConnectionStringBuilder(connectionString) { Port = (uint)relay.Port, ConnectionTimeout = 2 }.ConnectionString;
        var emitter = EmitterTestHost.Create(Settings(stub.BaseUrl, count,
            ("ConnectionStrings:pinterest", throughRelay), ("Emitter:MinDelay", "00:00:00.020"), ("Emitter:MaxDelay", "00:00:00.030")));

        var run = emitter.RunToCompletionAsync();
        await WaitUntilAsync(() => stub.Requests.Count >= 6, "the first events");
        await relay.CloseAsync();
        await WaitUntilAsync(() => emitter.Stats.Snapshot().DatabaseRetries >= 2, "reads failing while the database is away");
        var postedWhileAway = stub.Requests.Count;
        relay.Open();
        await run;

        Assert.True(postedWhileAway < 3 * count, "the outage should have happened mid-run");
        Assert.Equal(3 * count, stub.Requests.Count);
        var totals = emitter.Stats.Snapshot();
        Assert.Equal((count, 3L * count, 0L), (totals.Events, totals.PostsOk, totals.EventsSkipped));
        Assert.Contains(emitter.LogsAt(LogLevel.Warning), l => l.Message.StartsWith("Reading the source tables failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DryRun_posts_nothing_and_prints_each_request_with_the_stage_path_kept()
    {
        var output = new StringWriter();
        var emitter = EmitterTestHost.Create(
            Settings("https://abc123.execute-api.us-east-1.amazonaws.com/test", 4, ("Emitter:DryRun", "true")), output);

        await emitter.RunToCompletionAsync();

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(12, lines.Length);
        var url = "https://abc123.execute-api.us-east-1.amazonaws.com/test/topics/";
        Assert.All(lines.Chunk(3), e =>
        {
            Assert.StartsWith($$"""POST {{url}}{{prefix}}.pin {"records":[{"value":{"index":""", e[0], StringComparison.Ordinal);
            Assert.StartsWith($$"""POST {{url}}{{prefix}}.geo {"records":[{"value":{"ind":""", e[1], StringComparison.Ordinal);
            Assert.StartsWith($$"""POST {{url}}{{prefix}}.user {"records":[{"value":{"ind":""", e[2], StringComparison.Ordinal);
        });
        var totals = emitter.Stats.Snapshot();
        Assert.Equal((4L, 0L, 0L), (totals.Events, totals.PostsOk, totals.PostsFailed));
    }

    [Fact]
    public async Task An_offset_with_no_row_is_logged_and_skipped()
    {
        // Seed 100 over 0..59 draws five offsets past the 50 rows.
        await using var stub = await ProxyStub.StartAsync();
        var emitter = EmitterTestHost.Create(Settings(stub.BaseUrl, 30, ("Emitter:MaxOffset", "59")));

        await emitter.RunToCompletionAsync();

        Assert.Equal(3 * 25, stub.Requests.Count);
        var totals = emitter.Stats.Snapshot();
        Assert.Equal((30L, 5L), (totals.Events, totals.EventsSkipped));
        Assert.Equal(5, emitter.LogsAt(LogLevel.Warning).Count(l => l.Message.Contains("skipped: no row at that position in pinterest_data, geolocation_data, user_data", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task MaxOffsetFromRowCount_draws_only_offsets_that_exist()
    {
        await using var stub = await ProxyStub.StartAsync();
        var emitter = EmitterTestHost.Create(Settings(stub.BaseUrl, 30, ("Emitter:MaxOffset", "11000"), ("Emitter:MaxOffsetFromRowCount", "true")));

        await emitter.RunToCompletionAsync();

        Assert.Equal(90, stub.Requests.Count);
        Assert.Contains(emitter.Logs.GetSnapshot(), l => l.Message.StartsWith("Offsets drawn from 0..49", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shutdown_lets_the_event_in_flight_finish()
    {
        await using var stub = await ProxyStub.StartAsync(r => StubResponse.Ok(r.Number) with { Delay = TimeSpan.FromMilliseconds(300) });
        var emitter = EmitterTestHost.Create(Settings(stub.BaseUrl, 0));

        await emitter.Host.StartAsync();
        await WaitUntilAsync(() => stub.Requests.Count >= 1, "the first POST");
        await emitter.Host.StopAsync();
        emitter.Host.Dispose();

        Assert.Equal(3, stub.Requests.Count);
        Assert.Equal((1L, 3L), (emitter.Stats.Snapshot().Events, emitter.Stats.Snapshot().PostsOk));
    }

    [Fact]
    public async Task Invalid_settings_fail_start_up_naming_each_setting()
    {
        using var host = EmitterTestHost.Create(Settings("restproxy", 1,
            ("Emitter:MinDelay", "00:00:05"), ("Emitter:MaxDelay", "00:00:01"), ("Emitter:Concurrency", "0"))).Host;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Emitter:ApiBaseUrl 'restproxy'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Emitter:MaxDelay", error.Message, StringComparison.Ordinal);
        Assert.Contains("Emitter:Concurrency", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_of_the_wrong_type_fails_start_up_naming_it()
    {
        using var host = EmitterTestHost.Create(Settings("http://127.0.0.1:9", 1, ("Emitter:MaxDelay", "two seconds"))).Host;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Emitter:MaxDelay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_database_configured_fails_naming_the_settings()
    {
        var settings = Settings("http://127.0.0.1:9", 1);
        settings.Remove("ConnectionStrings:pinterest");

        var error = Assert.Throws<InvalidOperationException>(() => EmitterTestHost.Create(settings));

        Assert.Contains("ConnectionStrings:pinterest", error.Message, StringComparison.Ordinal);
        Assert.Contains("--creds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_creds_file_with_a_wrong_password_stops_with_exit_code_1_and_never_logs_the_password()
    {
        const string password = "Wr0ng-Secret-7f3a";
        var folder = Directory.CreateTempSubdirectory("pp-emitter-creds-").FullName;
        var path = Path.Combine(folder, "db_creds.yaml");
        await File.WriteAllTextAsync(path, $"RDS_HOST: 127.0.0.1\nRDS_PORT: {mysql.Server.Port}\nRDS_USER: root\nRDS_PASSWORD: {password}\nRDS_DATABASE: pinterest_data\n");
        await using var stub = await ProxyStub.StartAsync();
        var settings = Settings(stub.BaseUrl, 5);
        settings.Remove("ConnectionStrings:pinterest");
        try
        {
            var emitter = EmitterTestHost.Create(settings, args: ["--creds", path]);

            await emitter.RunToCompletionAsync();

            Assert.Equal(EmitterRunResult.DatabaseUnusable, emitter.Result.ExitCode);
            Assert.Empty(stub.Requests);
            var critical = Assert.Single(emitter.LogsAt(LogLevel.Critical));
            Assert.Contains("Access denied", critical.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(emitter.Logs.GetSnapshot(), l => $"{l.Message} {l.Exception}".Contains(password, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) =>
        Eventually.TrueAsync(condition, TimeSpan.FromSeconds(30), $"Timed out waiting for {what}.", TimeSpan.FromMilliseconds(10));
}
