using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PinterestPipeline.Analytics.Batch;
using PinterestPipeline.Analytics.Bucket;
using PinterestPipeline.Analytics.Tests.Infrastructure;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.Analytics.Tests.Web;

/// <summary>The JSON/CSV API, one run at a time, the schedule and the settings checks.</summary>
public sealed class BatchApiTests
{
    [Fact]
    public async Task A_request_while_a_run_is_running_is_refused_with_409_and_the_running_runs_id()
    {
        using var bucket = new TestBucket();
        bucket.WriteEvent(SourceEvent.At(SeededRun.Seeded, 3));
        var reader = new GatedBucketReader(bucket.BucketPath);
        await using var app = new AnalyticsApp(bucket, services: s => s.AddSingleton<IBucketReader>(reader));
        using var client = app.CreateClient();

        using var first = await client.PostAsync("/api/batch/runs", null);
        var running = await first.Content.ReadFromJsonAsync<JsonElement>();
        using var second = await client.PostAsync("/api/batch/runs", null);
        var refused = await second.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal($"/api/batch/runs/{running.GetProperty("id").GetInt64()}", first.Headers.Location?.ToString());
        Assert.Equal(("Running", "Manual", 1), (running.GetProperty("status").GetString(), running.GetProperty("trigger").GetString(), running.GetProperty("attempt").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(running.GetProperty("id").GetInt64(), refused.GetProperty("runningRunId").GetInt64());
        Assert.Contains("one run at a time", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(running.GetProperty("id").GetInt64(), (await client.GetFromJsonAsync<JsonElement>("/api/batch")).GetProperty("runningRunId").GetInt64());

        reader.Open();
        var ended = await app.WaitForRunAsync(running.GetProperty("id").GetInt64());
        Assert.Equal(("Succeeded", 3), (ended.GetProperty("status").GetString(), ended.GetProperty("objectsRead").GetInt32()));
        Assert.Equal(9, ended.GetProperty("queries").GetArrayLength());
        Assert.Equal("Succeeded", (await app.RunAsync()).GetProperty("status").GetString());
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>("/api/batch/runs")).GetArrayLength());
    }

    [Fact]
    public async Task A_run_whose_end_can_be_read_no_longer_blocks_the_next_start()
    {
        // The runner pauses in its success log line, just after the run's end is recorded: a client that reads the
        // end in that pause and starts the next run must get 202, not a 409 naming the run it saw end.
        using var bucket = new TestBucket();
        bucket.WriteEvent(SourceEvent.At(SeededRun.Seeded, 4));
        var pause = new PauseAfterRunSucceeded(TimeSpan.FromMilliseconds(600));
        await using var app = new AnalyticsApp(bucket, services: s => s.AddSingleton<ILoggerProvider>(pause));

        for (var run = 1; run <= 3; run++)
        {
            var ended = await app.RunAsync();
            Assert.Equal((run, "Succeeded"), (ended.GetProperty("id").GetInt32(), ended.GetProperty("status").GetString()));
        }

        Assert.Equal(3, pause.Paused);
    }

    [Fact]
    public async Task Unknown_runs_and_queries_and_no_succeeded_run_are_404_with_what_to_do()
    {
        using var bucket = new TestBucket();
        await using var app = new AnalyticsApp(bucket);
        using var client = app.CreateClient();

        await AssertNotFoundAsync(client, "/api/batch/runs/latest/queries/1", "No batch run has succeeded yet");
        await AssertNotFoundAsync(client, "/api/batch/runs/latest", "No batch run has succeeded yet");
        await AssertNotFoundAsync(client, "/api/batch/runs/42", "There is no batch run 42.");
        Assert.Equal("Succeeded", (await app.RunAsync()).GetProperty("status").GetString());
        await AssertNotFoundAsync(client, "/api/batch/runs/latest/queries/9", "There is no query '9'; the queries are 1, 2, 3a, 3b, 4, 5, 6, 7, 8.");
        // An empty bucket is a run like any other: every question has an answer, with no rows.
        Assert.Equal("[]", await client.GetStringAsync("/api/batch/runs/latest/queries/3b"));
    }

    [Fact]
    public async Task Answers_come_as_csv_when_asked_with_the_columns_as_header()
    {
        using var bucket = new TestBucket();
        var source = SourceEvent.At(SeededRun.Seeded, 11);
        bucket.WriteEvent(source with
        {
            Pin = source.Pin with { PosterName = "Smith, \"Jo\"", FollowerCount = "7k" },
            Geo = source.Geo with { Country = "Bonaire, Sint Eustatius and Saba" },
        });
        await using var app = new AnalyticsApp(bucket);
        await app.RunAsync();
        using var client = app.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/batch/runs/latest/queries/3a");
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await client.SendAsync(request);
        var byQuery = await client.GetStringAsync("/api/batch/runs/1/queries/3a?format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Equal("country,poster_name,follower_count\r\n\"Bonaire, Sint Eustatius and Saba\",\"Smith, \"\"Jo\"\"\",7000\r\n", csv);
        Assert.Equal(csv, byQuery);
    }

    [Fact]
    public async Task The_schedule_starts_a_run_at_the_next_cron_time_in_utc()
    {
        using var bucket = new TestBucket();
        bucket.WriteEvent(SourceEvent.At(SeededRun.Seeded, 5));
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 8, 6, 23, 59, 0, TimeSpan.Zero));
        var settings = AnalyticsApp.Settings(bucket);
        settings["Analytics:Batch:Schedule"] = "0 0 * * *";
        await using var app = new AnalyticsApp(bucket, settings, s => s.AddSingleton<TimeProvider>(clock));
        using var client = app.CreateClient();

        var status = await client.GetFromJsonAsync<JsonElement>("/api/batch");
        for (var tries = 0; status.GetProperty("nextRunAt").ValueKind == JsonValueKind.Null && tries < 100; tries++)
        {
            await Task.Delay(50);
            status = await client.GetFromJsonAsync<JsonElement>("/api/batch");
        }

        Assert.Equal(new DateTimeOffset(2024, 8, 7, 0, 0, 0, TimeSpan.Zero), status.GetProperty("nextRunAt").GetDateTimeOffset());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/batch/runs")).GetArrayLength());
        clock.Advance(TimeSpan.FromSeconds(61));
        var run = await WaitForRunsAsync(client, 1);

        Assert.Equal("Schedule", run[0].GetProperty("trigger").GetString());
        Assert.Equal(new DateTimeOffset(2024, 8, 7, 0, 0, 1, TimeSpan.Zero), run[0].GetProperty("startedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_start_up_run_waits_its_delay()
    {
        using var bucket = new TestBucket();
        bucket.WriteEvent(SourceEvent.At(SeededRun.Seeded, 6));
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 8, 6, 12, 0, 0, TimeSpan.Zero));
        var settings = AnalyticsApp.Settings(bucket);
        settings["Analytics:Batch:RunOnStart"] = "true";
        settings["Analytics:Batch:RunOnStartDelay"] = "00:00:30";
        await using var app = new AnalyticsApp(bucket, settings, s => s.AddSingleton<TimeProvider>(clock));
        using var client = app.CreateClient();

        await Task.Delay(300);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/batch/runs")).GetArrayLength());
        clock.Advance(TimeSpan.FromSeconds(31));
        var runs = await WaitForRunsAsync(client, 1);

        Assert.Equal(("Startup", "Succeeded", 3), (runs[0].GetProperty("trigger").GetString(), runs[0].GetProperty("status").GetString(), runs[0].GetProperty("objectsRead").GetInt32()));
    }

    [Theory]
    [InlineData("Analytics:WarehousePath", null, "Set Analytics:WarehousePath")]
    [InlineData("Analytics:Batch:Schedule", "every day", "Analytics:Batch:Schedule 'every day' is not a cron expression")]
    [InlineData("Analytics:Storage", "S3", "Analytics:Storage is S3, so set Analytics:S3:BucketName")]
    [InlineData("Pipeline:TopicPrefix", null, "Set Pipeline:TopicPrefix")]
    public async Task Bad_settings_stop_the_service_at_start_with_a_message_naming_them(string key, string? value, string message)
    {
        using var bucket = new TestBucket();
        var settings = AnalyticsApp.Settings(bucket);
        settings[key] = value;
        // The service's own registration on a plain host, not WebApplicationFactory: when a host fails to start, the
        // factory's deferred host may reach the disposed service provider first and throw ObjectDisposedException
        // instead of the start-up error (dotnet/aspnetcore#33494).
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAnalytics();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Holds the batch runner's "run succeeded" log line (event 4) for a while, on the runner's own thread.</summary>
    private sealed class PauseAfterRunSucceeded(TimeSpan pause) : ILoggerProvider, ILogger
    {
        private int paused;

        public int Paused => Volatile.Read(ref paused);

        public ILogger CreateLogger(string categoryName) => categoryName == typeof(BatchRunner).FullName ? this : NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 4)
            {
                Interlocked.Increment(ref paused);
                Thread.Sleep(pause);
            }
        }

        public void Dispose()
        {
        }
    }

    private static async Task AssertNotFoundAsync(HttpClient client, string path, string message)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static Task<JsonElement[]> WaitForRunsAsync(HttpClient client, int count) =>
        Eventually.ReachedAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>("/api/batch/runs")).EnumerateArray().ToArray(),
            runs => runs.Length >= count && runs.All(r => r.GetProperty("status").GetString() != "Running"),
            AnalyticsApp.RunLimit,
            runs => $"Expected {count} ended runs, found: {string.Join(", ", runs)}",
            TimeSpan.FromMilliseconds(50));
}
