using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Confluent.Kafka;
using MySqlConnector;
using PinterestPipeline.TestSupport;

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
    public async Task Mysql_and_kafka_become_healthy_serve_the_pipeline_and_leave_no_process_behind()
    {
        using var timeout = new CancellationTokenSource(StartLimit);
        var cancellationToken = timeout.Token;

        await using (var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PinterestPipeline_AppHost>(
            [
                "--Pipeline:Infrastructure=Local",
                $"--Parameters:topic-prefix={topicPrefix}",
                "--Parameters:mysql-password=Run-test{pass}'word!1",
                $"--Pipeline:StatePath={store.FullName}",
            ],
            cancellationToken))
        await using (var app = await builder.BuildAsync(cancellationToken))
        {
            await app.StartAsync(cancellationToken);
            foreach (var resource in new[] { "mysql", "pinterest", "kafka" })
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
            }

            await AssertPinterestDatabaseAnswersAsync(await app.GetConnectionStringAsync("pinterest", cancellationToken), cancellationToken);
            var bootstrapServers = await app.GetConnectionStringAsync("kafka", cancellationToken);
            AssertPipelineTopicsExist(bootstrapServers);
            await AssertProduceAndConsumeWorkAsync(bootstrapServers, cancellationToken);
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

    private static async Task AssertPinterestDatabaseAnswersAsync(string? connectionString, CancellationToken cancellationToken)
    {
        Assert.NotNull(connectionString);
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT DATABASE()", connection);
        Assert.Equal("pinterest_data", await command.ExecuteScalarAsync(cancellationToken));
    }

    private void AssertPipelineTopicsExist(string? bootstrapServers)
    {
        Assert.NotNull(bootstrapServers);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var topics = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics
            .Where(topic => topic.Topic.StartsWith(topicPrefix + ".", StringComparison.Ordinal))
            .Select(topic => (topic.Topic, topic.Partitions.Count))
            .Order()
            .ToList();
        Assert.Equal([($"{topicPrefix}.geo", 1), ($"{topicPrefix}.pin", 1), ($"{topicPrefix}.user", 1)], topics);
    }

    private async Task AssertProduceAndConsumeWorkAsync(string? bootstrapServers, CancellationToken cancellationToken)
    {
        var topic = $"{topicPrefix}.pin";
        var value = $"{{\"index\":{Random.Shared.Next()}}}";
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = bootstrapServers }).Build())
        {
            var delivery = await producer.ProduceAsync(topic, new Message<Null, string> { Value = value }, cancellationToken);
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
