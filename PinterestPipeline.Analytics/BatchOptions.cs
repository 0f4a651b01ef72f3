using System.ComponentModel.DataAnnotations;

namespace PinterestPipeline.Analytics;

/// <summary>The batch job: <c>Analytics:Batch</c>. The schedule and retries are those of the course's Airflow DAG.</summary>
public sealed class BatchOptions
{
    /// <summary>A cron expression (five fields, UTC): the DAG's <c>schedule_interval</c>, daily at midnight.</summary>
    public string Schedule { get; set; } = "0 0 * * *";

    /// <summary>Start a run as soon as the service is up (on in the AppHost, so answers are there within a minute).</summary>
    public bool RunOnStart { get; set; }

    /// <summary>
    /// How long after start the start-up run waits: in the AppHost the emitter starts after the database is seeded, so
    /// a run at once would find the bucket empty.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", SettingsValidation.MaxTimeSpan, ErrorMessage = "{0} must not be negative")]
    public TimeSpan RunOnStartDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How often a failed run is tried again: the DAG's <c>retries</c>.</summary>
    [Range(0, 100, ErrorMessage = "{0} must be from {1} to {2}")]
    public int Retries { get; set; } = 1;

    /// <summary>The wait before a retry: the DAG's <c>retry_delay</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", SettingsValidation.MaxTimeSpan, ErrorMessage = "{0} must not be negative")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Objects read at the same time (local files or S3 GETs).</summary>
    [Range(1, 1024, ErrorMessage = "{0} must be from {1} to {2}")]
    public int ReadConcurrency { get; set; } = 16;

    /// <summary>
    /// Objects whose rows are committed together with their positions in one warehouse transaction; a run killed
    /// mid-way keeps the commits before it, and the next run goes on from there.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be at least 1")]
    public int ObjectsPerCommit { get; set; } = 10_000;

    /// <summary>A commit is also made once the objects read since the last one hold this many bytes, to bound memory.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "{0} must be at least 1")]
    public long BytesPerCommit { get; set; } = 64L * 1024 * 1024;
}
