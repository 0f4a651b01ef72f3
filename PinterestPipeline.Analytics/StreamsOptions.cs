using System.ComponentModel.DataAnnotations;

namespace PinterestPipeline.Analytics;

/// <summary>
/// The stream job: <c>Analytics:Streams</c>. It reads the streams <c>streaming-&lt;prefix&gt;-pin|geo|user</c> (Kafka
/// topics of those names, on <c>ConnectionStrings:kafka</c>) into <c>&lt;prefix&gt;_pin|geo|user_table</c>, where the prefix
/// is <c>Pipeline:TopicPrefix</c>.
/// </summary>
public sealed class StreamsOptions
{
    public const string SectionName = AnalyticsOptions.SectionName + ":Streams";

    /// <summary>
    /// Runs the stream job. Unset means on when <c>ConnectionStrings:kafka</c> is set, so a service that only runs batch
    /// jobs needs no broker; true without a broker is a start-up error.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>A micro-batch is committed once it holds this many records (the size bound).</summary>
    [Range(1, 1_000_000, ErrorMessage = "{0} must be from {1} to {2}")]
    public int MaxBatchRecords { get; set; } = 10_000;

    /// <summary>
    /// A micro-batch is committed at the latest this long after its first record was read (the time bound): a row is
    /// visible this long, plus the fetch and the commit, after its record reached the broker.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "{0} must be from {1} to {2}")]
    public TimeSpan MaxBatchWait { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the streams' shard lists are read again, so a stream created or a shard added later is read too.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "{0} must be from {1} to {2}")]
    public TimeSpan ShardRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when the job runs: <see cref="Enabled"/> as configured, or when unset, whether there is a broker.</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetValue<bool?>($"{SectionName}:{nameof(Enabled)}") ?? HasBroker(configuration);

    /// <summary>Whether <c>ConnectionStrings:kafka</c> is set.</summary>
    public static bool HasBroker(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration.GetConnectionString(AnalyticsExtensions.KafkaConnectionName));
    }
}
