using PinterestPipeline.Emitter.Tests.Infrastructure;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.MySql;

namespace PinterestPipeline.Emitter.Tests.Process;

/// <summary>
/// The emitter as its own process with <c>Count</c> set: its exit code and its last line, for a run that delivered
/// everything, one where the API cannot be reached, one where every request is refused, and one where one event failed.
/// </summary>
[Collection(EmitterRuns.Name)]
public sealed class EmitterExitTests(MySqlFixture mysql) : IAsyncLifetime
{
    private const int RowCount = 20;
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly string prefix = UniqueName.For("exit");
    private string connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        connectionString = await mysql.Server.CreateDatabaseAsync("emitter_exit");
        await SourceDatabase.CreateAsync(connectionString, Enumerable.Range(0, RowCount));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_run_that_delivers_every_event_exits_0_and_says_so_last()
    {
        await using var stub = await ProxyStub.StartAsync();

        var (exitCode, lastLine, _) = await RunAsync(stub.BaseUrl, 3);

        Assert.Equal(0, exitCode);
        Assert.Equal("Delivered 3 of 3 events.", lastLine);
        Assert.Equal(9, stub.Requests.Count);
    }

    [Fact]
    public async Task An_unreachable_api_exits_3_and_the_last_line_says_no_response_and_why()
    {
        var port = FreePort.Next();

        var (exitCode, lastLine, output) = await RunAsync($"http://127.0.0.1:{port}", 2);

        Assert.Equal(3, exitCode);
        Assert.Equal($"Delivered 0 of 2 events; 2 failed, 0 rejected, 0 skipped. Failed (2): no response: Connection refused (127.0.0.1:{port}). Missing rows by destination: {prefix}.geo 2, {prefix}.pin 2, {prefix}.user 2.", lastLine);
        Assert.DoesNotContain("HTTP (null)", output, StringComparison.Ordinal);
        Assert.Contains($"failed after 2 attempts: no response: Connection refused (127.0.0.1:{port})", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_whose_every_request_is_refused_exits_3_and_the_last_line_gives_the_answer()
    {
        await using var stub = await ProxyStub.StartAsync(_ => StubResponse.Error(404, 40401, "Topic not found."));

        var (exitCode, lastLine, _) = await RunAsync(stub.BaseUrl, 2);

        Assert.Equal(3, exitCode);
        Assert.Equal($$"""Delivered 0 of 2 events; 0 failed, 2 rejected, 0 skipped. Rejected (2): HTTP 404: {"error_code":40401,"message":"Topic not found."}. Missing rows by destination: {{prefix}}.geo 2, {{prefix}}.pin 2, {{prefix}}.user 2.""", lastLine);
        // Rejections are not retried: three requests per event.
        Assert.Equal(6, stub.Requests.Count);
    }

    [Fact]
    public async Task A_run_with_one_failed_event_exits_3_and_counts_the_others_as_delivered()
    {
        // One loop, so the requests come in order: the first event's geo POST (requests 2 and 3, two attempts) gets 503s.
        await using var stub = await ProxyStub.StartAsync(r => r.Topic.EndsWith(".geo", StringComparison.Ordinal) && r.Number <= 3
            ? StubResponse.Error(503, 50302, "Broker not available.")
            : StubResponse.Ok(r.Number));

        var (exitCode, lastLine, _) = await RunAsync(stub.BaseUrl, 3);

        Assert.Equal(3, exitCode);
        Assert.Equal($$"""Delivered 2 of 3 events; 1 failed, 0 rejected, 0 skipped. Failed (1): HTTP 503: {"error_code":50302,"message":"Broker not available."}. Missing rows by destination: {{prefix}}.geo 1.""", lastLine);
        Assert.Equal(10, stub.Requests.Count);
    }

    private async Task<(int ExitCode, string LastLine, string Output)> RunAsync(string apiBaseUrl, int count)
    {
        var settings = EmitterSettings.For(connectionString, apiBaseUrl, prefix, RowCount - 1, count, ("Emitter:Retry:MaxAttempts", "2"), ("Emitter:Concurrency", "1"));
        using var emitter = ServiceProcess.Start("PinterestPipeline.Emitter", settings, withTestDependencies: true);
        var exitCode = await emitter.WaitForExitAsync(ExitTimeout);
        // A run that delivered everything prints its last line to stdout; any other run to stderr, where nothing else goes.
        var stream = exitCode == 0 ? emitter.Output : emitter.StandardError;
        var lastLine = stream.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        return (exitCode, lastLine, emitter.Output);
    }
}
