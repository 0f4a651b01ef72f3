using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace PinterestPipeline.AppHost.Tests.AppModel;

/// <summary>
/// In Local mode the broker starts empty, so the previous bucket and the warehouse loaded from it move aside together
/// when the broker first starts, never when a resource is restarted from the dashboard. An S3 bucket is left as it is.
/// The events go to the AppHost's subscriptions through a service provider of the builder's services, not a built
/// application: a built one's orchestrator (if something has created it by then) answers the sink's and analytics'
/// start events by waiting for their dependencies to be healthy, which never happens in an app that is not started (a
/// CI run hung there), and disposing a built, never-started app takes 30 s.
/// </summary>
public sealed class BucketArchiveTests : IDisposable
{
    private readonly DirectoryInfo state = Directory.CreateTempSubdirectory("pp-archive-");

    [Fact]
    public async Task The_previous_bucket_and_warehouse_move_aside_when_the_broker_first_starts_and_not_when_a_resource_restarts()
    {
        var bucket = Path.Combine(state.FullName, "bucket");
        var warehouse = Path.Combine(state.FullName, "warehouse", "analytics.duckdb");
        WriteFile(Path.Combine(bucket, "topics", "t.pin", "partition=0", "t.pin+0+0000000000.json"), "{}\n");
        WriteFile(warehouse, "db");
        WriteFile(warehouse + ".wal", "wal");
        await using var builder = await AppHostModel.CreateAsync("--Pipeline:Infrastructure=Local", $"--Pipeline:StatePath={state.FullName}");
        await using var services = builder.Services.BuildServiceProvider();
        var model = new DistributedApplicationModel(builder.Resources);

        await builder.Eventing.PublishAsync(new BeforeStartEvent(services, model));
        Assert.Empty(Archives());
        await builder.Eventing.PublishAsync(new BeforeResourceStartedEvent(model.Resources.Single(r => r.Name == "kafka"), services));

        var bucketArchive = Assert.Single(Archives());
        Assert.Matches(@"bucket\.\d{8}-\d{6}$", bucketArchive);
        Assert.True(File.Exists(Path.Combine(bucketArchive, "topics", "t.pin", "partition=0", "t.pin+0+0000000000.json")));
        var stamp = bucketArchive[^15..];
        Assert.Equal("db", File.ReadAllText(Path.Combine(state.FullName, "warehouse", $"analytics.{stamp}.duckdb")));
        Assert.Equal("wal", File.ReadAllText(Path.Combine(state.FullName, "warehouse", $"analytics.{stamp}.duckdb.wal")));
        Assert.False(File.Exists(warehouse));

        // The new run's sink has written a live bucket; restarting the broker, the sink or analytics must leave it where it is.
        WriteFile(Path.Combine(bucket, "topics", "t.pin", "partition=0", "t.pin+0+0000000000.json"), "{}\n");
        foreach (var name in new[] { "kafka", "sink", "analytics" })
        {
            await builder.Eventing.PublishAsync(new BeforeResourceStartedEvent(model.Resources.Single(r => r.Name == name), services));
        }

        Assert.Single(Archives());
        Assert.True(Directory.Exists(bucket));
    }

    [Fact]
    public async Task With_an_s3_bucket_the_warehouse_still_moves_aside_and_a_warning_says_the_bucket_was_left_as_it_is()
    {
        var warehouse = Path.Combine(state.FullName, "warehouse", "analytics.duckdb");
        WriteFile(warehouse, "db");
        await using var builder = await AppHostModel.CreateAsync("--Pipeline:Infrastructure=Local", $"--Pipeline:StatePath={state.FullName}",
            "--Pipeline:Storage=S3", "--Pipeline:S3:BucketName=shared-bucket", "--Pipeline:S3:Region=eu-west-1");
        builder.Services.AddFakeLogging();
        await using var services = builder.Services.BuildServiceProvider();

        await builder.Eventing.PublishAsync(new BeforeResourceStartedEvent(builder.Resources.Single(r => r.Name == "kafka"), services));

        Assert.False(File.Exists(warehouse));
        var archived = Assert.Single(Directory.GetFiles(Path.Combine(state.FullName, "warehouse")));
        Assert.Matches(@"analytics\.\d{8}-\d{6}\.duckdb$", archived);
        Assert.Equal("db", File.ReadAllText(archived));
        var warning = Assert.Single(services.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("s3://shared-bucket", StringComparison.Ordinal));
        Assert.Contains("overwrite the previous run's objects", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetDirectories(state.FullName), d => Path.GetFileName(d).StartsWith("bucket", StringComparison.Ordinal));
    }

    public void Dispose() => state.Delete(recursive: true);

    private string[] Archives() => [.. Directory.GetDirectories(state.FullName).Where(d => Path.GetFileName(d).StartsWith("bucket.", StringComparison.Ordinal))];

    private static void WriteFile(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
