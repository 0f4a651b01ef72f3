using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PinterestPipeline.AppHost.Hosting.Pipeline;

/// <summary>The bucket and the analytics warehouse in the application model: one set of settings for every service that uses them.</summary>
public static class BucketBuilderExtensions
{
    /// <summary>
    /// Reads the bucket settings (<see cref="PipelineBucket"/>).
    /// </summary>
    /// <param name="builder">The AppHost.</param>
    /// <param name="emptyBroker">
    /// A broker that starts empty on every AppHost run (DevKafka), or null: its offsets start at 0 again, so the previous
    /// run's objects would be overwritten by different records under the same keys, and a warehouse that loaded them would
    /// take the new objects for ones it has. So when that broker first starts (before the sink and analytics, which wait
    /// for it), the previous local bucket and the warehouse loaded from it are moved aside together to
    /// <c>bucket.&lt;yyyyMMdd-HHmmss&gt;</c> and <c>&lt;warehouse&gt;.&lt;yyyyMMdd-HHmmss&gt;.duckdb</c>. Only its first start:
    /// Aspire raises <see cref="BeforeResourceStartedEvent"/> on every start of a resource, a dashboard restart too, and
    /// the bucket is live by then. Not <see cref="BeforeStartEvent"/>: <c>Aspire.Hosting.Testing</c> runs the AppHost's
    /// start hooks when a test disposes a builder it never built, which would move a developer's bucket away. An S3 bucket
    /// is not touched (it may be shared, and moving objects costs requests): the warehouse still moves aside, and a
    /// warning says that the new run's records overwrite the previous run's objects under the same keys.
    /// </param>
    public static PipelineBucket AddPipelineBucket(this IDistributedApplicationBuilder builder, IResourceBuilder<IResource>? emptyBroker)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var bucket = new PipelineBucket(builder.Configuration) { Deployed = builder.ExecutionContext.IsPublishMode ? AddDeployedBucket(builder) : null };
        if (emptyBroker is not null && builder.ExecutionContext.IsRunMode)
        {
            var configuration = builder.Configuration;
            var started = 0;
            builder.Eventing.Subscribe<BeforeResourceStartedEvent>(emptyBroker.Resource, (@event, _) =>
            {
                if (Interlocked.Exchange(ref started, 1) == 1)
                {
                    return Task.CompletedTask;
                }

                var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
                var logger = @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PinterestPipeline.AppHost.Pipeline");
                if (!bucket.IsLocal)
                {
                    HostingLog.S3BucketKept(logger, $"s3://{bucket.S3BucketName}");
                }
                else if (bucket.Folder(@event.Services) is var folder && Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    var archive = $"{folder}.{stamp}";
                    Directory.Move(folder, archive);
                    HostingLog.BucketArchived(logger, archive);
                }

                var warehouse = PipelineState.WarehouseFile(configuration, @event.Services);
                if (File.Exists(warehouse))
                {
                    var archived = Path.Combine(Path.GetDirectoryName(warehouse)!, $"{Path.GetFileNameWithoutExtension(warehouse)}.{stamp}{Path.GetExtension(warehouse)}");
                    File.Move(warehouse, archived);
                    // DuckDB's write-ahead log is <file>.wal: it moves along, so the archive opens with every commit.
                    if (File.Exists(warehouse + ".wal"))
                    {
                        File.Move(warehouse + ".wal", archived + ".wal");
                    }

                    HostingLog.WarehouseArchived(logger, archived);
                }

                return Task.CompletedTask;
            });
        }

        return bucket;
    }

    /// <summary>
    /// The parameters a deployment asks for: <c>s3-bucket</c>, <c>aws-region</c> (default <c>Pipeline:S3:Region</c> or
    /// <c>us-east-1</c>), and the credentials <c>aws-access-key-id</c> and <c>aws-secret-access-key</c> (secrets), given to
    /// the services as <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>, which the AWS SDK reads.
    /// </summary>
    private static DeployedBucket AddDeployedBucket(IDistributedApplicationBuilder builder) => new(
        builder.AddParameter("s3-bucket")
            .WithDescription("The S3 bucket the sink writes and analytics reads (the course's user-<id>-bucket).").Resource,
        builder.AddParameter("aws-region", builder.Configuration[$"{PipelineBucket.S3SectionName}:Region"] is { Length: > 0 } region ? region : "us-east-1", publishValueAsDefault: true)
            .WithDescription("The bucket's AWS region.").Resource,
        builder.AddParameter("aws-access-key-id", secret: true)
            .WithDescription("An access key id allowed to read and write the bucket.").Resource,
        builder.AddParameter("aws-secret-access-key", secret: true)
            .WithDescription("The secret access key of that id.").Resource);

    /// <summary>
    /// Gives a service the bucket in its own settings section (<c>&lt;section&gt;__Storage</c>, <c>__LocalPath</c> or
    /// <c>__S3__*</c>) and, for the local folder, shows its path in the dashboard's URLs.
    /// </summary>
    public static IResourceBuilder<T> WithBucket<T>(this IResourceBuilder<T> service, PipelineBucket bucket, string section)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(bucket);
        service.WithEnvironment(context =>
            bucket.AddEnvironment(section, context.EnvironmentVariables, context.ExecutionContext));
        return bucket.IsLocal
            ? service.WithUrls(context =>
            {
                if (context.ExecutionContext.IsRunMode)
                {
                    // Browsers do not open file:// links from an http:// page, so the text is the path itself, to copy
                    // into a terminal or file manager (the service's first log line and its <section>__LocalPath say it too).
                    var folder = bucket.Folder(context.ExecutionContext.Services);
                    context.Urls.Add(new ResourceUrlAnnotation
                    {
                        Url = new Uri(folder + Path.DirectorySeparatorChar).AbsoluteUri,
                        DisplayText = $"bucket: {folder}",
                    });
                }
            })
            : service;
    }

    /// <summary>
    /// Points analytics at its warehouse (<c>Analytics__WarehousePath</c>): in run mode <c>Pipeline:WarehousePath</c>, or
    /// <c>&lt;state folder&gt;/warehouse/analytics.duckdb</c>; in a deployment the parameter <c>analytics-warehouse-path</c>,
    /// by default <see cref="PipelineState.DeployedWarehouseFile"/>, where the deployment mounts a volume.
    /// </summary>
    public static IResourceBuilder<T> WithWarehouse<T>(this IResourceBuilder<T> analytics)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(analytics);
        var builder = analytics.ApplicationBuilder;
        if (builder.ExecutionContext.IsPublishMode)
        {
            var path = builder.AddParameter("analytics-warehouse-path", PipelineState.DeployedWarehouseFile, publishValueAsDefault: true)
                .WithDescription("Where analytics keeps its DuckDB warehouse: a path on a volume that outlives the container.");
            return analytics.WithEnvironment("Analytics__WarehousePath", path);
        }

        var configuration = builder.Configuration;
        return analytics.WithEnvironment(context => context.EnvironmentVariables["Analytics__WarehousePath"] = context.ExecutionContext.IsRunMode
            ? PipelineState.WarehouseFile(configuration, context.ExecutionContext.Services)
            : PipelineState.DeployedWarehouseFile);
    }
}

/// <summary>
/// The bucket the sink writes and analytics reads, from the AppHost's settings: <c>Pipeline:Storage</c> = <c>Local</c>
/// (the folder <c>Pipeline:BucketPath</c>, default <c>&lt;state folder&gt;/bucket</c>) or <c>S3</c> (<c>Pipeline:S3:BucketName</c>,
/// <c>Region</c>, <c>ServiceUrl</c>, <c>ForcePathStyle</c>). Every service that touches it gets the same settings in its own
/// section (<c>Sink__Storage</c>, <c>Analytics__Storage</c>, ...).
/// </summary>
public sealed class PipelineBucket
{
    public const string StorageSettingName = "Pipeline:Storage";
    public const string S3SectionName = "Pipeline:S3";

    private static readonly string[] S3Settings = ["BucketName", "Region", "ServiceUrl", "ForcePathStyle"];

    private readonly IConfiguration configuration;
    private readonly bool isLocalSetting;

    /// <exception cref="DistributedApplicationException">A storage kind other than Local or S3, or S3 without a bucket name.</exception>
    public PipelineBucket(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        this.configuration = configuration;
        var storage = configuration[StorageSettingName];
        isLocalSetting = string.IsNullOrWhiteSpace(storage) || string.Equals(storage, "Local", StringComparison.OrdinalIgnoreCase);
        if (!isLocalSetting && !string.Equals(storage, "S3", StringComparison.OrdinalIgnoreCase))
        {
            throw new DistributedApplicationException($"{StorageSettingName} is '{storage}'; use Local (a folder, the default) or S3.");
        }

        if (!isLocalSetting && string.IsNullOrWhiteSpace(S3BucketName))
        {
            throw new DistributedApplicationException($"{StorageSettingName} is S3, so set {S3SectionName}:BucketName (and {S3SectionName}:Region; {S3SectionName}:ServiceUrl for an S3-compatible server).");
        }
    }

    /// <summary>True for the local folder, false for S3 (always false in a deployment, see <see cref="Deployed"/>).</summary>
    public bool IsLocal => Deployed is null && isLocalSetting;

    /// <summary>
    /// In publish mode, the parameters a deployment asks for: a deployed sink and analytics share no folder, so the manifest
    /// always gives them the S3 bucket, its region and the AWS credentials. Null in run mode.
    /// </summary>
    public DeployedBucket? Deployed { get; init; }

    /// <summary>The S3 bucket's name (only meaningful when not <see cref="IsLocal"/>).</summary>
    public string? S3BucketName => configuration[$"{S3SectionName}:BucketName"];

    /// <summary>The local folder (only meaningful when <see cref="IsLocal"/>).</summary>
    public string Folder(IServiceProvider services) => PipelineState.BucketFolder(configuration, services);

    /// <summary>
    /// The settings of a service's bucket section: <c>&lt;section&gt;__Storage</c> and, for S3, the <c>S3</c> settings given;
    /// for the local folder its path, in run mode only. A deployment (<see cref="Deployed"/>) gets the S3 bucket from its
    /// parameters, and <c>ServiceUrl</c>/<c>ForcePathStyle</c> from <c>Pipeline:S3</c> when they are set.
    /// </summary>
    internal void AddEnvironment(string section, IDictionary<string, object> environment, DistributedApplicationExecutionContext executionContext)
    {
        environment[$"{section}__Storage"] = IsLocal ? "Local" : "S3";
        if (IsLocal)
        {
            if (executionContext.IsRunMode)
            {
                environment[$"{section}__LocalPath"] = Folder(executionContext.Services);
            }

            return;
        }

        foreach (var setting in S3Settings)
        {
            if (configuration[$"{S3SectionName}:{setting}"] is { Length: > 0 } value)
            {
                environment[string.Create(CultureInfo.InvariantCulture, $"{section}__S3__{setting}")] = value;
            }
        }

        if (Deployed is { } deployed)
        {
            environment[$"{section}__S3__BucketName"] = deployed.BucketName;
            environment[$"{section}__S3__Region"] = deployed.Region;
            environment["AWS_ACCESS_KEY_ID"] = deployed.AccessKeyId;
            environment["AWS_SECRET_ACCESS_KEY"] = deployed.SecretAccessKey;
        }
    }
}

/// <summary>The manifest parameters of a deployed bucket (see <see cref="PipelineBucket.Deployed"/>).</summary>
public sealed record DeployedBucket(ParameterResource BucketName, ParameterResource Region, ParameterResource AccessKeyId, ParameterResource SecretAccessKey);
