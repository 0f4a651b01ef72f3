using Cronos;
using Microsoft.Extensions.Options;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Analytics;

/// <summary>Fills <see cref="AnalyticsOptions.TopicPrefix"/> from <c>Pipeline:TopicPrefix</c> and checks the section at start.</summary>
public sealed class AnalyticsOptionsSetup(IConfiguration configuration) : IPostConfigureOptions<AnalyticsOptions>, IValidateOptions<AnalyticsOptions>
{
    public void PostConfigure(string? name, AnalyticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.TopicPrefix))
        {
            options.TopicPrefix = configuration[PipelineNames.TopicPrefixKey];
        }

        options.Streams.Enabled ??= StreamsOptions.HasBroker(configuration);
    }

    public ValidateOptionsResult Validate(string? name, AnalyticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string section = AnalyticsOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.TopicPrefix))
        {
            failures.Add($"Set {PipelineNames.TopicPrefixKey} (environment variable {PipelineNames.TopicPrefixEnvironmentVariable}): the topics read are {PipelineNames.TopicsDescription}.");
        }

        if (string.IsNullOrWhiteSpace(options.WarehousePath))
        {
            failures.Add($"Set {section}:WarehousePath to the DuckDB file of the warehouse (e.g. --{section}:WarehousePath ./warehouse/analytics.duckdb); it is created if missing.");
        }

        if (string.IsNullOrWhiteSpace(options.TopicsDir) || options.TopicsDir.StartsWith('/') || options.TopicsDir.EndsWith('/'))
        {
            failures.Add($"{section}:TopicsDir must be a relative folder such as 'topics' (no leading or trailing '/'); it is '{options.TopicsDir}'.");
        }

        options.Validate(section, failures);
        ValidateBatch(options.Batch, failures);
        ValidateStreams(options.Streams, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateStreams(StreamsOptions streams, List<string> failures)
    {
        const string section = StreamsOptions.SectionName;
        if (streams.Enabled == true && !StreamsOptions.HasBroker(configuration))
        {
            failures.Add($"{section}:Enabled is true, so set ConnectionStrings:{AnalyticsExtensions.KafkaConnectionName} to the broker that holds the streams (bootstrap servers host:port), or set {section}:Enabled to false.");
        }

        if (streams.MaxBatchRecords is < 1 or > 1_000_000)
        {
            failures.Add($"{section}:MaxBatchRecords must be from 1 to 1000000; it is {streams.MaxBatchRecords}.");
        }

        if (streams.MaxBatchWait < TimeSpan.FromMilliseconds(1) || streams.MaxBatchWait > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{section}:MaxBatchWait must be from 00:00:00.001 to 00:01:00; it is {streams.MaxBatchWait}.");
        }

        if (streams.ShardRefreshInterval < TimeSpan.FromSeconds(1) || streams.ShardRefreshInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:ShardRefreshInterval must be from 00:00:01 to 01:00:00; it is {streams.ShardRefreshInterval}.");
        }
    }

    private static void ValidateBatch(BatchOptions batch, List<string> failures)
    {
        const string section = AnalyticsOptions.SectionName + ":Batch";
        try
        {
            CronExpression.Parse(batch.Schedule);
        }
        catch (Exception ex) when (ex is CronFormatException or ArgumentNullException)
        {
            failures.Add($"{section}:Schedule '{batch.Schedule}' is not a cron expression of five fields (minute hour day-of-month month day-of-week, UTC), e.g. '0 0 * * *': {ex.Message}");
        }

        if (batch.Retries is < 0 or > 100)
        {
            failures.Add($"{section}:Retries must be from 0 to 100; it is {batch.Retries}.");
        }

        if (batch.RunOnStartDelay < TimeSpan.Zero)
        {
            failures.Add($"{section}:RunOnStartDelay must not be negative; it is {batch.RunOnStartDelay}.");
        }

        if (batch.RetryDelay < TimeSpan.Zero)
        {
            failures.Add($"{section}:RetryDelay must not be negative; it is {batch.RetryDelay}.");
        }

        if (batch.ReadConcurrency is < 1 or > 1024)
        {
            failures.Add($"{section}:ReadConcurrency must be from 1 to 1024; it is {batch.ReadConcurrency}.");
        }

        if (batch.ObjectsPerCommit < 1)
        {
            failures.Add($"{section}:ObjectsPerCommit must be at least 1; it is {batch.ObjectsPerCommit}.");
        }

        if (batch.BytesPerCommit < 1)
        {
            failures.Add($"{section}:BytesPerCommit must be at least 1; it is {batch.BytesPerCommit}.");
        }
    }
}
