using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PinterestPipeline.Emitter.Tests.Infrastructure;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.MySql;

namespace PinterestPipeline.Emitter.Tests.Streams;

/// <summary>
/// The worker in <c>Emitter:Target=Streams</c> against a real MariaDB and a real HTTP server standing in for API Gateway's
/// Kinesis integration: what it PUTs, and which answers it retries.
/// </summary>
[Collection(EmitterRuns.Name)]
public sealed class StreamsWorkerTests(MySqlFixture mysql) : IAsyncLifetime
{
    // Keys 0, 3, 6, ... 147: offset n reads key 3n.
    private const int RowCount = 50;

    private readonly string prefix = UniqueName.For("streams");
    private string connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        connectionString = await mysql.Server.CreateDatabaseAsync("streams");
        await SourceDatabase.CreateAsync(connectionString, Enumerable.Range(0, RowCount).Select(i => i * 3));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Dictionary<string, string?> Settings(string apiBaseUrl, long count, params (string Key, string? Value)[] overrides) =>
        EmitterSettings.For(connectionString, apiBaseUrl, prefix, RowCount - 1, count, [("Emitter:Target", "Streams"), .. overrides]);

    private string Stream(string suffix) => $"streaming-{prefix}-{suffix}";

    /// <summary>The PutRecord body's fields; <c>Data</c> as sent (a JSON string, or an object).</summary>
    private static (string StreamName, JsonElement Data, string PartitionKey) Body(StubRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal(["StreamName", "Data", "PartitionKey"], root.EnumerateObject().Select(p => p.Name));
        return (root.GetProperty("StreamName").GetString()!, root.GetProperty("Data").Clone(), root.GetProperty("PartitionKey").GetString()!);
    }

    /// <summary>The row a string <c>Data</c> holds: the string's text parsed as JSON.</summary>
    private static JsonElement Row(JsonElement data)
    {
        Assert.Equal(JsonValueKind.String, data.ValueKind);
        using var row = JsonDocument.Parse(data.GetString()!);
        return row.RootElement.Clone();
    }

    [Fact]
    public async Task Count_N_puts_exactly_N_records_to_each_stream_each_the_row_at_its_offset_and_one_trace_per_event()
    {
        const int count = 20;
        await using var stub = await ProxyStub.StartAsync();
        using var recorder = new PipelineSpans();
        var emitter = EmitterTestHost.Create(Settings(stub.BaseUrl, count, ("Emitter:Concurrency", "4"), ("Emitter:Headers:x-api-key", "key-123")));

        await emitter.RunToCompletionAsync();

        var requests = stub.Requests;
        var spans = recorder.Stopped;
        Assert.Equal(3 * count, requests.Count);
        Assert.All(requests, r => Assert.Equal(("PUT", "application/json", "key-123"), (r.Method, r.ContentType, r.Headers["x-api-key"])));
        foreach (var (suffix, _, _, partitionKey) in StreamTables.All)
        {
            var sent = requests.Where(r => r.Topic == Stream(suffix)).Select(Body).ToList();
            Assert.Equal(count, sent.Count);
            Assert.All(sent, b => Assert.Equal((Stream(suffix), partitionKey), (b.StreamName, b.PartitionKey)));
        }

        var events = requests.GroupBy(r => r.TraceId).ToArray();
        Assert.Equal(count, events.Length);
        var keys = new List<int>();
        foreach (var posted in events)
        {
            var rows = StreamTables.All.Select(s => (s.Table, s.Key, Row: Row(Body(posted.Single(r => r.Topic == Stream(s.Suffix))).Data))).ToArray();
            var key = rows[0].Row.GetProperty("index").GetInt32();
            Assert.All(rows, r => Assert.Equal(key, r.Row.GetProperty(r.Key).GetInt32()));
            keys.Add(key);
            foreach (var (table, keyColumn, row) in rows)
            {
                await RowAssert.EqualsRowAsync(connectionString, table, keyColumn, row, streams: true);
            }
        }

        Assert.Equal(PlannedOffsets.For(100, RowCount - 1, count).Select(o => (int)o * 3).Order(), keys.Order());

        // A PUT span per record under its event's root span, tagged with the shard and sequence number of the answer.
        var puts = spans.Where(s => s.GetTagItem("messaging.destination.name") is string stream && stream.StartsWith($"streaming-{prefix}-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3 * count, puts.Length);
        Assert.All(puts, put =>
        {
            Assert.Equal($"PUT {put.GetTagItem("messaging.destination.name")}", put.DisplayName);
            Assert.Equal("shardId-000000000000", put.GetTagItem("messaging.destination.partition.id"));
            Assert.Contains(requests, r => r.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) == (string?)put.GetTagItem("messaging.message.id"));
        });
        var roots = spans.Where(s => puts.Any(p => p.ParentSpanId == s.SpanId)).ToArray();
        Assert.Equal(count, roots.Length);
        Assert.All(roots, root => Assert.Equal(("emit event", default(ActivitySpanId), 3), (root.DisplayName, root.ParentSpanId, puts.Count(p => p.ParentSpanId == root.SpanId))));

        var totals = emitter.Stats.Snapshot();
        Assert.Equal((count, 3L * count, 0L, 0L), (totals.Events, totals.PostsOk, totals.PostsFailed, totals.PostRetries));
        Assert.Contains(emitter.Logs.GetSnapshot(), l => l.Message.StartsWith($"Emitting to {stub.BaseUrl} streams streaming-{prefix}-pin|geo|user (Data as a string)", StringComparison.Ordinal));
        Assert.Equal(count, emitter.LogsAt(LogLevel.Information).Count(l => l.Message.Contains(": pin 200 shardId-000000000000@", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task StreamData_Object_puts_the_row_as_an_object()
    {
        await using var stub = await ProxyStub.StartAsync();
        var emitter = EmitterTestHost.Create(Settings(stub.BaseUrl, 3, ("Emitter:StreamData", "Object")));

        await emitter.RunToCompletionAsync();

        Assert.Equal(9, stub.Requests.Count);
        foreach (var request in stub.Requests)
        {
            var (streamName, data, _) = Body(request);
            var (_, table, key, _) = StreamTables.All.Single(s => Stream(s.Suffix) == streamName);
            Assert.Equal(JsonValueKind.Object, data.ValueKind);
            await RowAssert.EqualsRowAsync(connectionString, table, key, data, streams: true);
        }
    }

    public static TheoryData<int, string, bool> Answers => new()
    {
        // Throttling and service faults, whatever status the integration response maps them to: retried.
        { 400, """{"__type":"ProvisionedThroughputExceededException","message":"Rate exceeded for shard shardId-000000000000."}""", true },
        { 200, """{"__type":"ProvisionedThroughputExceededException","message":"Rate exceeded for shard shardId-000000000000."}""", true },
        { 400, """{"__type":"com.amazonaws.kinesis.v20131202#ProvisionedThroughputExceededException","message":"Rate exceeded."}""", true },
        { 500, """{"__type":"InternalFailure","message":"Internal service failure."}""", true },
        { 503, "Service Unavailable", true },
        { 504, """{"message": "Endpoint request timed out"}""", true },
        { 429, """{"message":"Too Many Requests"}""", true },
        // The request's own fault: refused once, not retried.
        { 400, """{"__type":"ResourceNotFoundException","message":"Stream streaming-x-pin under account 123456789012 not found."}""", false },
        { 200, """{"__type":"ResourceNotFoundException","message":"Stream streaming-x-pin under account 123456789012 not found."}""", false },
        { 400, """{"__type":"InvalidArgumentException","message":"1 validation error detected: Value at 'data' failed to satisfy constraint."}""", false },
        { 403, """{"message":"Forbidden"}""", false },
        { 403, """{"message":"Missing Authentication Token"}""", false },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Kinesis_errors_are_retried_as_Kinesis_clients_retry_them(int status, string body, bool retried)
    {
        await using var stub = await ProxyStub.StartAsync(r => r.Number == 1 ? new StubResponse(status, body) : StubResponse.PutRecord(r.Number));
        var emitter = EmitterTestHost.Create(Settings(stub.BaseUrl, 1));

        await emitter.RunToCompletionAsync();

        var totals = emitter.Stats.Snapshot();
        var pin = Stream("pin");
        if (retried)
        {
            Assert.Equal([pin, pin, Stream("geo"), Stream("user")], stub.Requests.Select(r => r.Topic));
            Assert.Equal((3L, 0L, 0L, 1L), (totals.PostsOk, totals.PostsRejected, totals.PostsFailed, totals.PostRetries));
            Assert.Contains(emitter.LogsAt(LogLevel.Warning), l => l.Message.StartsWith($"PUT {pin} attempt 1 failed (HTTP {status}", StringComparison.Ordinal));
        }
        else
        {
            Assert.Equal([pin, Stream("geo"), Stream("user")], stub.Requests.Select(r => r.Topic));
            Assert.Equal((2L, 1L, 0L, 0L), (totals.PostsOk, totals.PostsRejected, totals.PostsFailed, totals.PostRetries));
            var rejected = Assert.Single(emitter.LogsAt(LogLevel.Warning), l => l.Message.Contains(" rejected, not retried: ", StringComparison.Ordinal));
            Assert.Equal($"PUT {pin} rejected, not retried: HTTP {status}: {body}", rejected.Message);
            Assert.Single(emitter.LogsAt(LogLevel.Warning), l => l.Message.Contains($"incomplete: pin {status} rejected, geo 200 shardId-000000000000@", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task DryRun_prints_each_PUT_with_the_stage_path_kept()
    {
        var output = new StringWriter();
        var emitter = EmitterTestHost.Create(Settings("https://abc123.execute-api.us-east-1.amazonaws.com/test/", 2, ("Emitter:DryRun", "true")), output);

        await emitter.RunToCompletionAsync();

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.All(lines.Chunk(3), e =>
        {
            foreach (var ((suffix, _, key, partitionKey), line) in StreamTables.All.Zip(e))
            {
                Assert.StartsWith(
                    $$"""PUT https://abc123.execute-api.us-east-1.amazonaws.com/test/streams/{{Stream(suffix)}}/record {"StreamName": "{{Stream(suffix)}}", "Data": "{\"{{key}}\": """,
                    line, StringComparison.Ordinal);
                Assert.EndsWith($$"""}", "PartitionKey": "{{partitionKey}}"}""", line, StringComparison.Ordinal);
            }
        });
        Assert.Equal((2L, 0L), (emitter.Stats.Snapshot().Events, emitter.Stats.Snapshot().PostsOk));
    }
}
