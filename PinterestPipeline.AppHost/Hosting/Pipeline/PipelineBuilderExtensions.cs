using System.Globalization;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PinterestPipeline.AppHost.Hosting.Common;
using PinterestPipeline.ServiceDefaults.Pipeline;
using PinterestPipeline.ServiceDefaults.Streams;

namespace PinterestPipeline.AppHost.Hosting.Pipeline;

/// <summary>The pipeline's own settings in the application model: the topic prefix, the topics and streams, the emitters' seed.</summary>
public static class PipelineBuilderExtensions
{
    /// <summary>
    /// Adds the <c>topic-prefix</c> parameter (set it with <c>Parameters:topic-prefix</c>); without a value a
    /// 12-hex-digit id is generated once and kept in the AppHost's user secrets.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddTopicPrefix(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddParameter(PipelineTopics.PrefixParameterName, new TopicPrefixDefault(), secret: false, persist: true)
            .WithDescription("Prefix of the Kafka topics <prefix>.pin, <prefix>.geo and <prefix>.user (the AWS user id in the original pipeline).");
    }

    /// <summary>The partition count of each pipeline topic (<c>Pipeline:TopicPartitions</c>, default 1).</summary>
    /// <exception cref="DistributedApplicationException">The setting is not a whole number from 1 to 1000.</exception>
    public static int GetTopicPartitions(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var value = builder.Configuration[PipelineTopics.PartitionsSettingName];
        if (string.IsNullOrWhiteSpace(value))
        {
            return PipelineTopics.DefaultPartitions;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var partitions) && partitions is >= 1 and <= 1000
            ? partitions
            : throw new DistributedApplicationException($"{PipelineTopics.PartitionsSettingName} is '{value}'; use a whole number from 1 to 1000.");
    }

    /// <summary>Declares <c>&lt;prefix&gt;.pin|geo|user</c> on the broker, so they exist before any service that waits for it starts.</summary>
    public static IResourceBuilder<T> WithPipelineTopics<T>(this IResourceBuilder<T> kafka, IResourceBuilder<ParameterResource> prefix, int partitions = PipelineTopics.DefaultPartitions)
        where T : IResourceWithConnectionString
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return kafka.WithPrefixedTopics(prefix, partitions, suffix => ReferenceExpression.Create($"{prefix.Resource}.{suffix}"), PipelineNames.IsValidTopicPrefix,
            "which cannot start a Kafka topic name: use letters, digits, '.', '_' or '-' (for example a 12-hex-digit id).");
    }

    /// <summary>
    /// Declares the streams <c>streaming-&lt;prefix&gt;-pin|geo|user</c> (Kafka topics of those names, which the proxy's
    /// <c>/streams</c> routes serve as Kinesis streams) on the broker, so they exist before any service that waits for it starts.
    /// </summary>
    /// <param name="shards">Partitions per stream, one per shard (<c>shardId-00000000000N</c>).</param>
    public static IResourceBuilder<T> WithPipelineStreams<T>(this IResourceBuilder<T> kafka, IResourceBuilder<ParameterResource> prefix, int shards = PipelineTopics.DefaultPartitions)
        where T : IResourceWithConnectionString
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return kafka.WithPrefixedTopics(prefix, shards, suffix => ReferenceExpression.Create($"{StreamName.DefaultTopicPrefix}{prefix.Resource}-{suffix}"), PipelineNames.IsValidStreamPrefix,
            $"which cannot be part of a Kinesis stream name (streaming-<prefix>-user): use letters, digits, '.', '_' or '-', at most {PipelineNames.MaxStreamPrefixLength} of them.");
    }

    /// <summary>
    /// Adds the <c>emitter-seed</c> parameter: the seed of the emitters' offsets and pauses. Without a value a new one is
    /// drawn at every start (as an emitter without a seed does); set <c>Parameters:emitter-seed</c> (e.g. 100, the course's)
    /// to repeat a run.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddEmitterSeed(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddParameter(EmitterSeedDefault.ParameterName, new EmitterSeedDefault(), secret: false, persist: false)
            .WithDescription("Seed of the emitters' offsets and pauses; emitter and stream-emitter share it, so both paths get the same events.");
    }

    /// <summary>Gives an emitter the seed as <c>Emitter__Seed</c>; a value that is not a whole number stops it before it starts.</summary>
    public static IResourceBuilder<T> WithEmitterSeed<T>(this IResourceBuilder<T> emitter, IResourceBuilder<ParameterResource> seed)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(emitter);
        ArgumentNullException.ThrowIfNull(seed);
        return emitter.WithEnvironment("Emitter__Seed", seed)
            .OnBeforeResourceStarted(async (_, _, cancellationToken) =>
            {
                var value = await seed.Resource.GetValueAsync(cancellationToken).ConfigureAwait(false);
                if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    throw new DistributedApplicationException($"The parameter '{seed.Resource.Name}' is '{value}'; use a whole number (for example 100).");
                }
            });
    }

    /// <summary>Gives a service the topic prefix as <c>Pipeline__TopicPrefix</c> (the <c>Pipeline:TopicPrefix</c> setting).</summary>
    public static IResourceBuilder<T> WithTopicPrefix<T>(this IResourceBuilder<T> builder, IResourceBuilder<ParameterResource> prefix)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(prefix);
        return builder.WithEnvironment(PipelineNames.TopicPrefixEnvironmentVariable, prefix);
    }

    /// <summary>A topic per table named from the prefix; a prefix that cannot make those names stops the broker before it starts.</summary>
    private static IResourceBuilder<T> WithPrefixedTopics<T>(
        this IResourceBuilder<T> kafka, IResourceBuilder<ParameterResource> prefix, int partitions,
        Func<string, ReferenceExpression> name, Func<string?, bool> isValid, string problem)
        where T : IResourceWithConnectionString
    {
        ArgumentNullException.ThrowIfNull(kafka);
        foreach (var suffix in PipelineNames.Suffixes)
        {
            kafka.WithTopic(name(suffix), partitions);
        }

        return kafka.OnBeforeResourceStarted(async (_, _, cancellationToken) =>
        {
            var value = await prefix.Resource.GetValueAsync(cancellationToken).ConfigureAwait(false);
            if (!isValid(value))
            {
                throw new DistributedApplicationException($"The parameter '{prefix.Resource.Name}' is '{value}', {problem}");
            }
        });
    }
}

/// <summary>
/// A fresh 12-hex-digit id, the shape of the course's AWS user ids (topics <c>0a1b2c3d4e5f.pin</c>). A deployment
/// tool generates its own: lower-case letters and digits, 12 of them, which is just as legal in a topic name.
/// </summary>
public sealed class TopicPrefixDefault : ParameterDefault
{
    public const int Length = 12;

    public override string GetDefaultValue() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2));

    public override void WriteToManifest(ManifestPublishingContext context) =>
        new GenerateParameterDefault { MinLength = Length, Upper = false, Special = false }.WriteToManifest(context);
}

/// <summary>
/// A fresh seed for the emitters, 0 to 999,999,999; a deployment tool generates nine digits of its own, which is the
/// same range.
/// </summary>
public sealed class EmitterSeedDefault : ParameterDefault
{
    public const string ParameterName = "emitter-seed";
    private const int Digits = 9;

    public override string GetDefaultValue() => RandomNumberGenerator.GetInt32(0, 1_000_000_000).ToString(CultureInfo.InvariantCulture);

    public override void WriteToManifest(ManifestPublishingContext context) =>
        new GenerateParameterDefault { MinLength = Digits, Lower = false, Upper = false, Special = false }.WriteToManifest(context);
}

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
