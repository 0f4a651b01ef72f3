using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace PinterestPipeline.AppHost.Tests.AppModel;

/// <summary>
/// In Local mode the broker starts empty, so the previous bucket and the warehouse loaded from it move aside together
/// when the broker first starts, never when a resource is restarted from the dashboard.
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
        await using var app = builder.Build();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();

        await builder.Eventing.PublishAsync(new BeforeStartEvent(app.Services, model));
        Assert.Empty(Archives());
        await builder.Eventing.PublishAsync(new BeforeResourceStartedEvent(model.Resources.Single(r => r.Name == "kafka"), app.Services));

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
            await builder.Eventing.PublishAsync(new BeforeResourceStartedEvent(model.Resources.Single(r => r.Name == name), app.Services));
        }

        Assert.Single(Archives());
        Assert.True(Directory.Exists(bucket));
    }

    public void Dispose() => state.Delete(recursive: true);

    private string[] Archives() => [.. Directory.GetDirectories(state.FullName).Where(d => Path.GetFileName(d).StartsWith("bucket.", StringComparison.Ordinal))];

    private static void WriteFile(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
