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

    [LoggerMessage(14, LogLevel.Error, "The retry of batch run {RunId} could not be started; the next scheduled or manual run goes on from there")]
    public static partial void RetryFailed(ILogger logger, Exception exception, long runId);

    [LoggerMessage(100, LogLevel.Information, "Stream job: {Streams}; micro-batches of at most {MaxRecords} records or {MaxWaitMs} ms")]
    public static partial void StreamsStarting(ILogger logger, string streams, int maxRecords, double maxWaitMs);

    [LoggerMessage(101, LogLevel.Information, "Stream job off: {Section}:Enabled is false, or unset and ConnectionStrings:kafka is not set")]
    public static partial void StreamsDisabled(ILogger logger, string section);

    [LoggerMessage(102, LogLevel.Information, "Stream {Stream} {ShardId}: reading from offset {Offset} (checking the record before it first: {Verifying})")]
    public static partial void ShardAssigned(ILogger logger, string stream, string shardId, long offset, bool verifying);

    [LoggerMessage(103, LogLevel.Warning, "Stream {Stream} is not on the broker ({Reason}); looking again every {Seconds:0} s")]
    public static partial void StreamMissing(ILogger logger, string stream, string reason, double seconds);

    [LoggerMessage(104, LogLevel.Warning, "Reading the shards of stream {Stream} failed: {Reason}; trying again later")]
    public static partial void ShardDiscoveryFailed(ILogger logger, string stream, string reason);

    [LoggerMessage(105, LogLevel.Error, "Stream job failed: {Error}; it starts again from the warehouse's positions in {Seconds:0} s")]
    public static partial void StreamJobFailed(ILogger logger, Exception exception, string error, double seconds);

    [LoggerMessage(106, LogLevel.Warning, "{Count} stream records were rejected (kept in stream_rejected with the reason); the first: {Stream} {ShardId} {SequenceNumber}: {Reason}")]
    public static partial void StreamRecordsRejected(ILogger logger, int count, string stream, string shardId, string sequenceNumber, string reason);

    [LoggerMessage(107, LogLevel.Debug, "Stream batch committed: {Records} records ({Rejected} rejected) in {Milliseconds:0.0} ms")]
    public static partial void StreamBatchCommitted(ILogger logger, int records, int rejected, double milliseconds);

    [LoggerMessage(108, LogLevel.Warning, "Stream {Stream} {ShardId} is not the stream the warehouse read (the record before offset {Committed} is not the one committed; offset {Offset} came instead): the broker started empty or the stream was created again. {Table} was moved to {Archive}, and the stream is read from its beginning")]
    public static partial void StreamRecreated(ILogger logger, string stream, string shardId, long committed, long offset, string table, string archive);

    [LoggerMessage(109, LogLevel.Warning, "Stream {Stream} {ShardId}: records {From} to {To} were removed by the stream's retention before they were read")]
    public static partial void RecordsExpired(ILogger logger, string stream, string shardId, long from, long to);

    [LoggerMessage(110, LogLevel.Warning, "Reading the streams failed: {Reason} ({Code}); going on")]
    public static partial void StreamConsumeFailed(ILogger logger, string reason, Confluent.Kafka.ErrorCode code);

    [LoggerMessage(111, LogLevel.Warning, "Stream {Stream} {ShardId} handed over offset {Offset} after {Read}: the shard went back, so its position is checked again")]
    public static partial void StreamWentBack(ILogger logger, string stream, string shardId, long offset, long read);
}
