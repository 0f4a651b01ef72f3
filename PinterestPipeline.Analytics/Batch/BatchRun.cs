using System.Text.Json;
using System.Text.Json.Serialization;

namespace PinterestPipeline.Analytics.Batch;

/// <summary>What started a run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BatchTrigger>))]
public enum BatchTrigger
{
    /// <summary>The cron schedule (<c>Analytics:Batch:Schedule</c>).</summary>
    Schedule,

    /// <summary><c>POST /api/batch/runs</c>, or the dashboard's "Run batch now".</summary>
    Manual,

    /// <summary><c>Analytics:Batch:RunOnStart</c>.</summary>
    Startup,

    /// <summary>The retry of a failed run (<c>Analytics:Batch:Retries</c>, after <c>RetryDelay</c>).</summary>
    Retry,
}

[JsonConverter(typeof(JsonStringEnumConverter<BatchRunStatus>))]
public enum BatchRunStatus
{
    Running,
    Succeeded,
    Failed,
}

/// <summary>Rows per cleaned table.</summary>
public sealed record TableCounts(long Pin, long Geo, long User);

/// <summary>One query's answer in a run: the question, the output columns and the rows (objects keyed by column).</summary>
public sealed record QueryAnswer(string Id, string Question, IReadOnlyList<string> Columns, JsonElement Rows);

/// <summary>
/// A batch run as the API shows it (and <c>batch_runs</c> keeps it). <see cref="RowsAdded"/> are the new distinct rows
/// this run wrote; <see cref="Rows"/> the tables' sizes after it. <see cref="Queries"/> only in a single run's view.
/// </summary>
public sealed record BatchRun(
    long Id,
    BatchTrigger Trigger,
    int Attempt,
    long? RetryOf,
    BatchRunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Error,
    string? Bucket,
    long ObjectsRead,
    long RecordsRead,
    long RejectedRecords,
    TableCounts RowsAdded,
    TableCounts Rows,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<QueryAnswer>? Queries = null);
