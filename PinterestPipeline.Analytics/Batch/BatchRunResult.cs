namespace PinterestPipeline.Analytics.Batch;

/// <summary>What a finished run found and wrote, each query's rows as JSON, and how long loading took.</summary>
internal sealed record BatchRunResult(
    long ObjectsRead,
    long RecordsRead,
    long RejectedRecords,
    TableCounts RowsAdded,
    TableCounts Rows,
    IReadOnlyList<(string QueryId, string RowsJson)> Answers,
    TimeSpan LoadTime);
