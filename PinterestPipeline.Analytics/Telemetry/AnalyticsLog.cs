using Microsoft.Extensions.Logging;

namespace PinterestPipeline.Analytics.Telemetry;

/// <summary>The analytics service's log messages.</summary>
internal static partial class AnalyticsLog
{
    [LoggerMessage(1, LogLevel.Information, "Analytics reads topics {TopicPrefix}.pin|geo|user from the bucket at {Bucket} into the warehouse {Warehouse}; batch schedule '{Schedule}' (UTC), run on start {RunOnStart}")]
    public static partial void Starting(ILogger logger, string topicPrefix, string bucket, string warehouse, string schedule, bool runOnStart);

    [LoggerMessage(2, LogLevel.Warning, "{Count} batch runs were still marked Running from a previous process; they are marked Failed")]
    public static partial void InterruptedRunsFailed(ILogger logger, int count);

    [LoggerMessage(3, LogLevel.Information, "Batch run {RunId} started ({Trigger}, attempt {Attempt})")]
    public static partial void RunStarted(ILogger logger, long runId, string trigger, int attempt);

    [LoggerMessage(4, LogLevel.Information, "Batch run {RunId} succeeded in {Seconds:0.000} s: {Objects} objects, {Records} records, {Rejected} rejected; new rows pin {Pin}, geo {Geo}, user {User}")]
    public static partial void RunSucceeded(ILogger logger, long runId, double seconds, long objects, long records, long rejected, long pin, long geo, long user);

    [LoggerMessage(5, LogLevel.Error, "Batch run {RunId} failed: {Error}")]
    public static partial void RunFailed(ILogger logger, Exception exception, long runId, string error);

    [LoggerMessage(6, LogLevel.Information, "Batch run {RunId} will be retried at {RetryAt:u} (attempt {Attempt})")]
    public static partial void RetryScheduled(ILogger logger, long runId, DateTimeOffset retryAt, int attempt);

    [LoggerMessage(7, LogLevel.Information, "A {Trigger} batch run was not started: run {RunningRunId} is still running")]
    public static partial void RunSkipped(ILogger logger, string trigger, long runningRunId);

    [LoggerMessage(8, LogLevel.Information, "Next scheduled batch run at {NextRun:u}")]
    public static partial void NextScheduledRun(ILogger logger, DateTimeOffset nextRun);

    [LoggerMessage(9, LogLevel.Warning, "Batch run {RunId}: {Count} names in the partition folders are not sink objects (<topic>+<partition>+<offset>.json) and were not loaded")]
    public static partial void ObjectsIgnored(ILogger logger, long runId, int count);

    [LoggerMessage(10, LogLevel.Warning, "Batch run {RunId}: {Count} records were rejected (kept in batch_rejected with the reason); the first: {Key} line {Line}: {Reason}")]
    public static partial void RecordsRejected(ILogger logger, long runId, long count, string key, int line, string reason);

    [LoggerMessage(11, LogLevel.Debug, "Batch run {RunId} committed {Objects} objects ({Records} records) up to {LastKey}")]
    public static partial void Committed(ILogger logger, long runId, int objects, long records, string lastKey);

    [LoggerMessage(13, LogLevel.Information, "Batch run {RunId} loaded {Objects} objects ({Records} records) in {Seconds:0.000} s")]
    public static partial void Loaded(ILogger logger, long runId, long objects, long records, double seconds);

    [LoggerMessage(12, LogLevel.Error, "Recording the end of batch run {RunId} failed")]
    public static partial void RecordFailed(ILogger logger, Exception exception, long runId);
}
