using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Otlp;

namespace PinterestPipeline.AppHost.Tests.Run;

/// <summary>
/// Starts the real AppHost in Local mode (a private mariadbd and DevKafka, run by DCP) with its own state folder,
/// topic prefix and password, so it can run next to other tests and a developer's AppHost.
/// </summary>
public sealed class LocalModeRunTests : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo store = Directory.CreateTempSubdirectory("pp-apphost-store-");
    private readonly string topicPrefix = UniqueName.For("run");

    [Fact]
    public async Task Infrastructure_becomes_healthy_the_seeder_finishes_and_nothing_is_left_behind()
    {
        using var timeout = new CancellationTokenSource(StartLimit);
        var cancellationToken = timeout.Token;
        // The services export their telemetry here, as they export to the dashboard under `dotnet run`.
        await using var collector = new OtlpReceiver();

        await using (var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PinterestPipeline_AppHost>(
            [
                "--Pipeline:Infrastructure=Local",
                $"--Parameters:topic-prefix={topicPrefix}",
                "--Parameters:mysql-password=Run-test{pass}'word!1",
                $"--Pipeline:StatePath={store.FullName}",
                // The proxy's fixed port (8082) may be taken by a developer's AppHost or another test.
                "--DcpPublisher:RandomizePorts=true",
            ],
            cancellationToken))
        {
            // The testing builder points OTLP at gRPC on localhost:4317, where nothing listens; `dotnet run` (the http
            // profile) gives the services the dashboard's OTLP/HTTP endpoint, which the collector stands for here.
            foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
            {
                builder.CreateResourceBuilder(project)
                    .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Endpoint.ToString().TrimEnd('/'))
                    .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            }

            await using (var app = await builder.BuildAsync(cancellationToken))
            {
                await app.StartAsync(cancellationToken);
                foreach (var resource in new[] { "mysql", "pinterest", "kafka", "restproxy" })
                {
                    await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
                }

                var seeder = await app.ResourceNotifications.WaitForResourceAsync(
                    "seeder", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), cancellationToken);
                Assert.Equal((KnownResourceStates.Finished, 0), (seeder.Snapshot.State?.Text, seeder.Snapshot.ExitCode));

                var pinterest = await app.GetConnectionStringAsync("pinterest", cancellationToken);
                await AssertPinterestDatabaseAnswersAsync(pinterest, cancellationToken);
                await AssertSeededAsync(pinterest, cancellationToken);
                var bootstrapServers = await app.GetConnectionStringAsync("kafka", cancellationToken);
                AssertPipelineTopicsAndStreamsExist(bootstrapServers);
                await AssertProduceAndConsumeWorkAsync(bootstrapServers, cancellationToken);
                await AssertNoExporterClientLinesAsync(app, collector, cancellationToken);
            }
        }

        var dataDirectory = Path.Combine(store.FullName, "mysql", "mysql", "data");
        Assert.True(Directory.Exists(Path.Combine(dataDirectory, "mysql")), $"The MySQL data directory {dataDirectory} should be kept after the AppHost stops.");
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync(store.FullName, StopLimit));
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync($"--topic={topicPrefix}.pin", StopLimit));
    }

    public void Dispose()
    {
        MySqlConnection.ClearAllPools();
        store.Delete(recursive: true);
    }

    /// <summary>
    /// The seeder's and the proxy's console logs (what the dashboard shows) have no line from the telemetry exporters'
    /// HTTP clients (Polly's "Execution attempt", the client factory's "Sending HTTP request"), while those clients
    /// did export: once they made up most of a quiet service's log, 3 to 4 lines per event.
    /// </summary>
    private static async Task AssertNoExporterClientLinesAsync(DistributedApplication app, OtlpReceiver collector, CancellationToken cancellationToken)
    {
        await Eventually.TrueAsync(
            () => collector.Logs.Count > 0 && collector.Spans.Count > 0,
            TimeSpan.FromSeconds(30),
            () => $"The services exported {collector.Logs.Count} log records and {collector.Spans.Count} spans to {collector.Endpoint} in 30 s; expected some of each.",
            TimeSpan.FromMilliseconds(100),
            cancellationToken);

        var loggers = app.Services.GetRequiredService<ResourceLoggerService>();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        foreach (var name in new[] { "seeder", "restproxy" })
        {
            // By the resource (not its name): the console logs are kept under the names DCP gave its instances.
            var lines = new List<string>();
            await foreach (var batch in loggers.GetAllAsync(model.Resources.Single(r => r.Name == name)).WithCancellation(cancellationToken))
            {
                lines.AddRange(batch.Select(line => line.Content));
            }

            Assert.True(lines.Count > 0, $"no console line from {name}");
            Assert.DoesNotContain(lines, line => line.Contains(": Polly[", StringComparison.Ordinal)
                || line.Contains(": System.Net.Http.HttpClient.", StringComparison.Ordinal)
                || line.Contains("Execution attempt", StringComparison.Ordinal));
        }
    }

    private static async Task AssertPinterestDatabaseAnswersAsync(string? connectionString, CancellationToken cancellationToken)
    {
        Assert.NotNull(connectionString);
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT DATABASE()", connection);
        Assert.Equal("pinterest_data", await command.ExecuteScalarAsync(cancellationToken));
    }

    private static async Task AssertSeededAsync(string? connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var table in new[] { "pinterest_data", "geolocation_data", "user_data" })
        {
            await using var command = new MySqlCommand($"SELECT COUNT(*) FROM `{table}`", connection);
            Assert.Equal(11_001L, Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private void AssertPipelineTopicsAndStreamsExist(string? bootstrapServers)
    {
        Assert.NotNull(bootstrapServers);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var topics = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics
            .Where(topic => topic.Topic.StartsWith(topicPrefix + ".", StringComparison.Ordinal) || topic.Topic.StartsWith($"streaming-{topicPrefix}-", StringComparison.Ordinal))
            .Select(topic => (topic.Topic, topic.Partitions.Count))
            .Order()
            .ToList();
        Assert.Equal(
            [
                ($"{topicPrefix}.geo", 1), ($"{topicPrefix}.pin", 1), ($"{topicPrefix}.user", 1),
                ($"streaming-{topicPrefix}-geo", 1), ($"streaming-{topicPrefix}-pin", 1), ($"streaming-{topicPrefix}-user", 1),
            ],
            topics);
    }

    private async Task AssertProduceAndConsumeWorkAsync(string? bootstrapServers, CancellationToken cancellationToken)
    {
        // A topic of its own: the emitter is posting to the pipeline's topics meanwhile.
        var topic = $"{topicPrefix}.roundtrip";
        var value = $"{{\"index\":{Random.Shared.Next()}}}";
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = bootstrapServers }).Build())
        {
            var delivery = await producer.ProduceAsync(new TopicPartition(topic, 0), new Message<Null, string> { Value = value }, cancellationToken);
            Assert.Equal(PersistenceStatus.Persisted, delivery.Status);
        }

        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = UniqueName.For("apphost-test"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var consumed = await Task.Run(() => consumer.Consume(TimeSpan.FromSeconds(30)), cancellationToken);
        consumer.Close();

        Assert.NotNull(consumed);
        Assert.Equal(value, consumed.Message.Value);
    }
}
