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

        SettingsValidation.AddAnnotationFailures(streams, section, failures);

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

        SettingsValidation.AddAnnotationFailures(batch, section, failures);
    }
}
