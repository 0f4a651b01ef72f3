using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PinterestPipeline.AppHost.Hosting.Pipeline;

/// <summary>
/// The folder where Local-mode servers and the local bucket keep their files: <c>Pipeline:StatePath</c>, or the
/// AppHost's Aspire store (<c>PinterestPipeline.AppHost/obj/.aspire</c>). Setting it keeps tests and parallel
/// AppHosts apart.
/// </summary>
public static class PipelineState
{
    public const string StatePathSettingName = "Pipeline:StatePath";
    public const string BucketPathSettingName = "Pipeline:BucketPath";
    public const string WarehousePathSettingName = "Pipeline:WarehousePath";

    /// <summary>The warehouse's path in a deployed analytics container, where the deployment mounts a volume.</summary>
    public const string DeployedWarehouseFile = "/var/lib/pinterest-pipeline/warehouse/analytics.duckdb";

    /// <summary>Resolved when resources start: the Aspire store only exists in run mode.</summary>
    public static string Folder(IConfiguration configuration, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var statePath = configuration[StatePathSettingName];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(statePath) ? services.GetRequiredService<IAspireStore>().BasePath : statePath);
    }

    /// <summary>The local bucket: <c>Pipeline:BucketPath</c>, or <c>&lt;state folder&gt;/bucket</c>.</summary>
    public static string BucketFolder(IConfiguration configuration, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var bucketPath = configuration[BucketPathSettingName];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(bucketPath) ? Path.Combine(Folder(configuration, services), "bucket") : bucketPath);
    }

    /// <summary>The analytics warehouse: <c>Pipeline:WarehousePath</c>, or <c>&lt;state folder&gt;/warehouse/analytics.duckdb</c>.</summary>
    public static string WarehouseFile(IConfiguration configuration, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var warehousePath = configuration[WarehousePathSettingName];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(warehousePath) ? Path.Combine(Folder(configuration, services), "warehouse", "analytics.duckdb") : warehousePath);
    }
}
