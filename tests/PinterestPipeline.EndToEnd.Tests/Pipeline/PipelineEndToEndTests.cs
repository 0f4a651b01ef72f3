using System.Globalization;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;
using PinterestPipeline.TestSupport.Otlp;
using PinterestPipeline.TestSupport;
using Xunit.Abstractions;

namespace PinterestPipeline.EndToEnd.Tests.Pipeline;

/// <summary>
/// The whole pipeline through the real AppHost in Local mode (mariadbd and DevKafka run by DCP), with its own state
/// folder, bucket, topic prefix, password and ports: the seeder fills the database, the emitter posts a fixed,
/// seeded run of events through the REST proxy into Kafka, and the sink writes them to the local bucket; the
/// stream-emitter PUTs the same seeded events to the proxy's streams, and analytics cleans them into its stream tables.
/// Every service exports its spans and logs over OTLP/HTTP to a receiver in this test instead of to the dashboard.
/// </summary>
public sealed class PipelineEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private const int Events = 25;
    private const string Seed = "100";
    private static readonly TimeSpan TestLimit = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);
    private static readonly string[] ProjectServices = ["kafka", "seeder", "restproxy", "emitter", "stream-emitter", "sink", "analytics"];
    private static readonly (string Suffix, string Table, string Key)[] Topics =
        [("pin", "pinterest_data", "index"), ("geo", "geolocation_data", "ind"), ("user", "user_data", "ind")];

    private readonly DirectoryInfo store = Directory.CreateTempSubdirectory("pp-e2e-store-");
    private readonly string topicPrefix = UniqueName.For("e2e");

    private string Bucket => Path.Combine(store.FullName, "e2e-bucket");

    [Fact]
    public async Task Every_event_reaches_Kafka_and_the_bucket_once_as_the_seeded_rows_in_one_trace_without_errors()
    {
        using var timeout = new CancellationTokenSource(TestLimit);
        var cancellationToken = timeout.Token;
        var logs = new List<ResourceConsoleLog>();
        IReadOnlyList<OtlpLogRecord> otlpLogs = [];
        await using var otlp = new OtlpReceiver();
        try
        {
            await using (var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PinterestPipeline_AppHost>(
                [
                    "--Pipeline:Infrastructure=Local",
                    $"--Parameters:topic-prefix={topicPrefix}",
                    "--Parameters:mysql-password=E2e-test{pass}'word!1",
                    $"--Parameters:emitter-seed={Seed}",
                    $"--Pipeline:StatePath={store.FullName}",
                    $"--Pipeline:BucketPath={Bucket}",
                    // The proxy's fixed port (8082) may be taken by a developer's AppHost or another test.
                    "--DcpPublisher:RandomizePorts=true",
                ],
                cancellationToken))
            {
                ConfigureServices(builder, otlp.Endpoint);
                await using var app = await builder.BuildAsync(cancellationToken);
                await app.StartAsync(cancellationToken);

                // Watched once DCP has named the resources' instances (their logs are kept under those names); a watch
                // starts with the lines logged so far.
                using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var loggerService = app.Services.GetRequiredService<ResourceLoggerService>();
                logs.AddRange(app.Services.GetRequiredService<DistributedApplicationModel>().Resources
                    .Where(r => r is not ParameterResource)
                    .Select(r => ResourceConsoleLog.Watch(loggerService, r, stopWatching.Token)));

                await AssertResourcesReachTheirStatesAsync(app, cancellationToken);
                var topics = IngestPath.Topics(topicPrefix);
                var records = await AssertKafkaHoldsEachEventOnceAsync(app, topics, cancellationToken);
                await AssertBucketHoldsEachRecordOnceAsync(records, cancellationToken);
                var roots = await AssertOneTracePerEventAsync(otlp, topics, records, cancellationToken);
                await AssertRecordsAreTheSeededRowsAsync(app, topics, records, roots, cancellationToken);
                await AssertBatchAnswersAreTheSeededRowsAsync(app, roots, cancellationToken);

                var streams = IngestPath.StreamsOf(topicPrefix);
                var streamRecords = await AssertKafkaHoldsEachEventOnceAsync(app, streams, cancellationToken);
                var streamRoots = await AssertOneTracePerEventAsync(otlp, streams, streamRecords, cancellationToken);
                await AssertRecordsAreTheSeededRowsAsync(app, streams, streamRecords, streamRoots, cancellationToken);
                // One emitter-seed for both emitters: the streams received the very events the topics did.
                Assert.Equal(roots.Values.Select(Offset).Order(), streamRoots.Values.Select(Offset).Order());
                await AssertStreamTablesAreTheSeededRowsAsync(app, otlp, streams, streamRecords, streamRoots, cancellationToken);
                AssertServicesStillUp(app);

                // Everything asserted so far happened seconds ago; what the services logged by now is in.
                await stopWatching.CancelAsync();
                await Task.WhenAll(logs.Select(l => l.StoppedAsync()));
                otlpLogs = otlp.Logs;
            }

            output.WriteLine(string.Join(", ", logs.Select(l => $"{l.Resource}: {l.Lines.Count} console lines")));
            output.WriteLine(string.Join(", ", otlpLogs.GroupBy(l => l.Service).Select(g => $"{g.Key}: {g.Count()} OTLP log records")));
            AssertNoErrorLogs(logs, otlpLogs);
            Assert.Empty(await ProcessTable.WaitUntilGoneAsync(store.FullName, StopLimit));
            Assert.Empty(await ProcessTable.WaitUntilGoneAsync($"--topic={topicPrefix}.pin", StopLimit));
        }
        catch
        {
            foreach (var log in logs)
            {
                output.WriteLine(log.ToString());
            }

            foreach (var record in otlp.Logs)
            {
                output.WriteLine($"otlp {record}");
            }

            throw;
        }
    }

    public void Dispose()
    {
        MySqlConnection.ClearAllPools();
        store.Delete(recursive: true);
    }

    private static void ConfigureServices(IDistributedApplicationTestingBuilder builder, Uri otlpEndpoint)
    {
        var projects = builder.Resources.OfType<ProjectResource>().ToDictionary(r => r.Name);
        Assert.Equal(ProjectServices.Order(), projects.Keys.Order());
        foreach (var project in projects.Values)
        {
            // Added after AddProject's own OTLP settings, so these win: the dashboard is off under Aspire.Hosting.Testing.
            builder.CreateResourceBuilder(project)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint.ToString().TrimEnd('/'))
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_SERVICE_NAME", project.Name)
                .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "200")
                .WithEnvironment("OTEL_BLRP_SCHEDULE_DELAY", "200")
                .WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL", "60000");
        }

        foreach (var emitter in new[] { "emitter", "stream-emitter" })
        {
            builder.CreateResourceBuilder(projects[emitter])
                .WithEnvironment("Emitter__Count", Events.ToString(CultureInfo.InvariantCulture))
                .WithEnvironment("Emitter__MaxDelay", "00:00:00.050");
        }
    }

    private static async Task AssertResourcesReachTheirStatesAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        // A resource that fails to start or exits ends the wait with an exception naming it, rather than the test's time limit.
        foreach (var resource in new[] { "mysql", "pinterest", "kafka", "restproxy" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, WaitBehavior.StopOnResourceUnavailable, cancellationToken);
        }

        // The sink has no health endpoint: Running is as far as it goes.
        var sink = await app.ResourceNotifications.WaitForResourceAsync(
            "sink", e => e.Snapshot.State?.Text == KnownResourceStates.Running || KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), cancellationToken);
        Assert.Equal(KnownResourceStates.Running, sink.Snapshot.State?.Text);
        foreach (var job in new[] { "seeder", "emitter", "stream-emitter" })
        {
            var finished = await app.ResourceNotifications.WaitForResourceAsync(
                job, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), cancellationToken);
            Assert.Equal((job, KnownResourceStates.Finished, (int?)0), (job, finished.Snapshot.State?.Text, finished.Snapshot.ExitCode));
        }
    }

    private static async Task<List<PipelineRecord>> AssertKafkaHoldsEachEventOnceAsync(DistributedApplication app, IngestPath path, CancellationToken cancellationToken)
    {
        var bootstrapServers = await app.GetConnectionStringAsync("kafka", cancellationToken);
        Assert.NotNull(bootstrapServers);
        var records = new List<PipelineRecord>();
        foreach (var (suffix, _, _) in Topics)
        {
            var topic = path.Topic(suffix);
            var topicRecords = await Task.Run(() => TopicReader.ReadAll(bootstrapServers, topic, cancellationToken), cancellationToken);
            // The emitter is done (exit code 0), so nothing more arrives: exactly one record per event, offsets from 0.
            Assert.Equal(Enumerable.Range(0, Events).Select(i => (long)i), topicRecords.Select(r => r.Offset));
            records.AddRange(topicRecords);
        }

        return records;
    }

    private async Task AssertBucketHoldsEachRecordOnceAsync(List<PipelineRecord> records, CancellationToken cancellationToken)
    {
        var expected = records.ToDictionary(
            r => Path.Combine(Bucket, "topics", r.Topic, "partition=0", $"{r.Topic}+0+{r.Offset:D10}.json"),
            r => (byte[])[.. r.Value, (byte)'\n']);
        var topicsFolder = Path.Combine(Bucket, "topics");

        // The sink is asynchronous: wait (bounded by the test's limit) until every object is there, then compare.
        var present = await Eventually.ReachedAsync(
            () => Task.FromResult<List<string>>(Directory.Exists(topicsFolder)
                ? [.. Directory.EnumerateFiles(topicsFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
                : []),
            files => files.Count >= expected.Count,
            Timeout.InfiniteTimeSpan,
            "every object in the bucket",
            TimeSpan.FromMilliseconds(200),
            cancellationToken);

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), present);
        foreach (var (path, content) in expected)
        {
            var stored = await File.ReadAllBytesAsync(path, cancellationToken);
            Assert.True(content.AsSpan().SequenceEqual(stored), $"{path} is not the Kafka record's value followed by a line break.");
        }
    }

    /// <summary>
    /// Every event is one trace: emitter <c>emit event</c> (root, tagged with the offset) → <c>POST &lt;topic&gt;</c> →
    /// HttpClient span → restproxy server span → <c>send &lt;topic&gt;</c> (whose context the Kafka record carries) →
    /// sink <c>process &lt;topic&gt;</c> of that record; for the streams, stream-emitter's <c>emit event</c> →
    /// <c>PUT &lt;stream&gt;</c> → HttpClient span → restproxy server span → <c>put &lt;stream&gt;</c>, which the record
    /// carries (no sink reads the streams). Returns the root span of each trace.
    /// </summary>
    private async Task<Dictionary<string, OtlpSpan>> AssertOneTracePerEventAsync(
        OtlpReceiver otlp, IngestPath path, List<PipelineRecord> records, CancellationToken cancellationToken)
    {
        // Spans arrive in batches every 200 ms (the emitter's last ones when it exits): wait until the last hop's are all in.
        var lastHop = path.Streams
            ? (Service: "restproxy", Kind: OtlpSpan.Producer, Name: $"{path.ProducerOperation} {path.Topic("")}")
            : (Service: "sink", Kind: OtlpSpan.Consumer, Name: $"process {path.Topic("")}");
        await Eventually.TrueAsync(
            () => otlp.Spans.Count(s => s.Service == lastHop.Service && s.Kind == lastHop.Kind && s.Name.StartsWith(lastHop.Name, StringComparison.Ordinal)) >= records.Count
                && otlp.Spans.Count(s => s.Service == path.Emitter && s.Name == "emit event") >= Events,
            Timeout.InfiniteTimeSpan,
            "the last hop's spans and every emit event span",
            TimeSpan.FromMilliseconds(200),
            cancellationToken);

        // Restproxy batches may still be in flight when the sink's last span arrived; one more interval covers them.
        await Task.Delay(1000, cancellationToken);
        Assert.Empty(otlp.Failures);
        var spans = otlp.Spans;
        var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.Single());

        var roots = spans.Where(s => s.Service == path.Emitter && s.Name == "emit event").ToDictionary(s => s.TraceId);
        Assert.Equal(Events, roots.Count);
        Assert.All(roots.Values, root =>
        {
            Assert.Equal("", root.ParentSpanId);
            Assert.Equal("ok", root.Attributes.GetValueOrDefault("pipeline.outcome"));
        });

        // One trace per event, holding exactly that event's three records.
        Assert.Equal(roots.Keys.Order(), records.Select(r => r.TraceId).Distinct().Order());
        Assert.All(records.GroupBy(r => r.TraceId), trace =>
            Assert.Equal(Topics.Select(t => path.Topic(t.Suffix)).Order(), trace.Select(r => r.Topic).Order()));

        foreach (var record in records)
        {
            var send = Parent(byId, record.ParentSpanId, record.ToString());
            AssertSpan(send, record.TraceId, "restproxy", $"{path.ProducerOperation} {record.Topic}", OtlpSpan.Producer);
            var server = Parent(byId, send.ParentSpanId, send.ToString());
            AssertSpan(server, record.TraceId, "restproxy", null, OtlpSpan.Server);
            var client = Parent(byId, server.ParentSpanId, server.ToString());
            AssertSpan(client, record.TraceId, path.Emitter, null, OtlpSpan.Client);
            var post = Parent(byId, client.ParentSpanId, client.ToString());
            AssertSpan(post, record.TraceId, path.Emitter, $"{path.Method} {record.Topic}", OtlpSpan.Internal);
            Assert.Equal(roots[record.TraceId].SpanId, post.ParentSpanId);
            if (path.Streams)
            {
                continue;
            }

            var process = Assert.Single(spans, s => s.Service == "sink" && s.Name == $"process {record.Topic}"
                && s.Attributes.GetValueOrDefault("messaging.kafka.offset") == record.Offset.ToString(CultureInfo.InvariantCulture));
            AssertSpan(process, record.TraceId, "sink", $"process {record.Topic}", OtlpSpan.Consumer);
            Assert.Equal(send.SpanId, process.ParentSpanId);
        }

        output.WriteLine($"{spans.Count} spans received; {roots.Count} traces of one event each checked.");
        return roots;
    }

    private static OtlpSpan Parent(Dictionary<string, OtlpSpan> byId, string parentSpanId, string child)
    {
        Assert.True(byId.TryGetValue(parentSpanId, out var parent), $"The parent span {parentSpanId} of {child} was not exported.");
        return parent;
    }

    private static void AssertSpan(OtlpSpan span, string traceId, string service, string? name, int kind)
    {
        Assert.Equal((traceId, service, kind), (span.TraceId, span.Service, span.Kind));
        if (name is not null)
        {
            Assert.Equal(name, span.Name);
        }
    }

    private static async Task AssertRecordsAreTheSeededRowsAsync(
        DistributedApplication app, IngestPath path, List<PipelineRecord> records, Dictionary<string, OtlpSpan> roots, CancellationToken cancellationToken)
    {
        var connectionString = await app.GetConnectionStringAsync("pinterest", cancellationToken);
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var record in records)
        {
            var (_, table, key) = Topics.Single(t => record.Topic == path.Topic(t.Suffix));
            await SourceRows.AssertRecordIsRowAtOffsetAsync(connection, table, key, Offset(roots[record.TraceId]), record, path.Streams, cancellationToken);
        }
    }

    private static async Task AssertBatchAnswersAreTheSeededRowsAsync(DistributedApplication app, Dictionary<string, OtlpSpan> roots, CancellationToken cancellationToken)
    {
        await app.ResourceNotifications.WaitForResourceHealthyAsync("analytics", WaitBehavior.StopOnResourceUnavailable, cancellationToken);
        await using var connection = new MySqlConnection(await app.GetConnectionStringAsync("pinterest", cancellationToken));
        await connection.OpenAsync(cancellationToken);
        using var analytics = app.CreateHttpClient("analytics");
        var offsets = roots.Values.Select(root => long.Parse(root.Attributes["pipeline.offset"], CultureInfo.InvariantCulture)).ToList();
        await BatchAnswers.AssertMatchSeededRowsAsync(analytics, connection, offsets, cancellationToken);
    }

    /// <summary>
    /// The stream emitter's records (checked above: one per event in each stream, each its seeded row): each stream table
    /// holds one row per record, in order, equal to the cleaned seeded row at the offset of the record's event; each
    /// record's trace runs on into analytics; and a stop and start of analytics loses and repeats no row.
    /// </summary>
    private async Task AssertStreamTablesAreTheSeededRowsAsync(
        DistributedApplication app, OtlpReceiver otlp, IngestPath path, List<PipelineRecord> records, Dictionary<string, OtlpSpan> roots, CancellationToken cancellationToken)
    {
        var bootstrapServers = await app.GetConnectionStringAsync("kafka", cancellationToken);
        Assert.NotNull(bootstrapServers);
        var streams = Topics.ToDictionary(t => t.Suffix, t => records.Where(r => r.Topic == path.Topic(t.Suffix)).OrderBy(r => r.Offset).ToList());
        var offsets = roots.ToDictionary(root => root.Key, root => Offset(root.Value));
        await using var connection = new MySqlConnection(await app.GetConnectionStringAsync("pinterest", cancellationToken));
        await connection.OpenAsync(cancellationToken);
        using var analytics = app.CreateHttpClient("analytics");
        await StreamTables.AssertMatchSeededRowsAsync(analytics, connection, topicPrefix, streams, offsets, cancellationToken);

        // Each record's trace runs on into the warehouse: exactly one of analytics' micro-batch spans links to its producer span.
        var batches = await Eventually.ReachedAsync(
            () => Task.FromResult<IReadOnlyList<OtlpSpan>>([.. otlp.Spans.Where(s => s.Service == "analytics" && s.Name == "stream batch")]),
            found => records.All(r => found.Any(b => b.Links.Contains(new OtlpLink(r.TraceId, r.ParentSpanId)))),
            Timeout.InfiniteTimeSpan,
            "a stream batch span linking to each record",
            TimeSpan.FromMilliseconds(200),
            cancellationToken);

        Assert.All(records, r => Assert.Single(batches, b => b.Links.Contains(new OtlpLink(r.TraceId, r.ParentSpanId))));
        // A batch of one event's records is a span of that event's trace.
        Assert.All(batches.Where(b => b.ParentSpanId != ""), b => Assert.All(b.Links, link => Assert.Equal(b.TraceId, link.TraceId)));
        output.WriteLine($"{Events} events in each of the three stream tables checked; {batches.Count} micro-batch spans.");

        // The dashboard's Stop and Start on analytics, with a record arriving in each stream while it is stopped (a copy
        // of the stream's first): afterwards each table holds every record once, the new one last.
        var commands = app.Services.GetRequiredService<ResourceCommandService>();
        var stopped = await commands.ExecuteCommandAsync("analytics", KnownResourceCommands.StopCommand, cancellationToken);
        Assert.True(stopped.Success, stopped.Message);
        await app.ResourceNotifications.WaitForResourceAsync("analytics", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), cancellationToken);
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers }).Build())
        {
            foreach (var (suffix, streamRecords) in streams)
            {
                var first = streamRecords[0];
                var delivered = await producer.ProduceAsync(first.Topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes("partition-1"), Value = first.Value }, cancellationToken);
                streamRecords.Add(first with { Offset = delivered.Offset.Value });
            }
        }

        var started = await commands.ExecuteCommandAsync("analytics", KnownResourceCommands.StartCommand, cancellationToken);
        Assert.True(started.Success, started.Message);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("analytics", WaitBehavior.StopOnResourceUnavailable, cancellationToken);
        using var restarted = app.CreateHttpClient("analytics");
        await StreamTables.AssertMatchSeededRowsAsync(restarted, connection, topicPrefix, streams, offsets, cancellationToken);
        output.WriteLine($"after a stop and a start of analytics: {Events + 1} rows in each stream table, none repeated.");
    }

    private static long Offset(OtlpSpan root) => long.Parse(root.Attributes["pipeline.offset"], CultureInfo.InvariantCulture);

    private static void AssertServicesStillUp(DistributedApplication app)
    {
        foreach (var resource in new[] { "mysql", "pinterest", "kafka", "restproxy", "sink", "analytics" })
        {
            Assert.True(app.ResourceNotifications.TryGetCurrentState(resource, out var current), $"{resource} has no state.");
            Assert.Equal((resource, KnownResourceStates.Running), (resource, current.Snapshot.State?.Text));
            if (resource != "sink")
            {
                Assert.Equal((resource, (HealthStatus?)HealthStatus.Healthy), (resource, current.Snapshot.HealthStatus));
            }
        }
    }

    /// <summary>
    /// Up to the moment the pipeline has been checked, not during shutdown: DCP stops the resources in no particular
    /// order, and a service that loses its broker while stopping may rightly complain.
    /// </summary>
    private static void AssertNoErrorLogs(List<ResourceConsoleLog> logs, IReadOnlyList<OtlpLogRecord> otlpLogs)
    {
        // The console logs are read, not empty: each .NET service wrote at least its start-up lines.
        Assert.All(ProjectServices, service => Assert.NotEmpty(logs.Single(l => l.Resource == service).Lines));
        Assert.Empty(logs.SelectMany(l => l.Errors));
        // DevKafka does not export logs; the four pipeline services do.
        Assert.All(ProjectServices.Where(s => s != "kafka"), service => Assert.Contains(otlpLogs, l => l.Service == service));
        Assert.Empty(otlpLogs.Where(l => l.Severity >= OtlpLogRecord.MinErrorSeverity).Select(l => l.ToString()));
    }
}
