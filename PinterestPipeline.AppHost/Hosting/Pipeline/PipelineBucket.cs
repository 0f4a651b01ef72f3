using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace PinterestPipeline.AppHost.Hosting.Pipeline;

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
