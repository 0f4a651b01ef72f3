using Microsoft.Extensions.Logging;

namespace PinterestPipeline.Emitter.Worker;

/// <summary>The emitter's log messages (source-generated, structured).</summary>
internal static partial class EmitterLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Emitting to {ApiBaseUrl} {Destinations}: offsets 0..{MaxOffset}, seed {Seed}, concurrency {Concurrency}, count {Count} (0 = forever), dry run {DryRun}")]
    public static partial void Starting(ILogger logger, string? apiBaseUrl, string destinations, long maxOffset, long seed, int concurrency, long count, bool dryRun);

    [LoggerMessage(2, LogLevel.Information,
        "Event {Sequence} offset {Offset}: pin {PinStatus}, geo {GeoStatus}, user {UserStatus} in {ElapsedMs:0.0} ms")]
    public static partial void EventEmitted(ILogger logger, long sequence, long offset, string pinStatus, string geoStatus, string userStatus, double elapsedMs);

    [LoggerMessage(3, LogLevel.Warning,
        "Event {Sequence} offset {Offset} incomplete: pin {PinStatus}, geo {GeoStatus}, user {UserStatus} in {ElapsedMs:0.0} ms")]
    public static partial void EventIncomplete(ILogger logger, long sequence, long offset, string pinStatus, string geoStatus, string userStatus, double elapsedMs);

    [LoggerMessage(4, LogLevel.Warning, "Event {Sequence} offset {Offset} skipped: no row at that position in {Tables}")]
    public static partial void OffsetSkipped(ILogger logger, long sequence, long offset, string tables);

    [LoggerMessage(5, LogLevel.Information,
        "Summary: {EventsPerSecond:0.0} events/s over the last {IntervalSeconds:0.0} s; totals: {Events} events ({Skipped} skipped), posts {PostsOk} ok, {PostsRejected} rejected, {PostsFailed} failed, {PostRetries} retried; {DatabaseRetries} database retries")]
    public static partial void Summary(ILogger logger, double eventsPerSecond, double intervalSeconds, long events, long skipped, long postsOk, long postsRejected, long postsFailed, long postRetries, long databaseRetries);

    [LoggerMessage(13, LogLevel.Information,
        "Totals after {ElapsedSeconds:0.000} s ({EventsPerSecond:0.0} events/s): {Events} events ({Skipped} skipped), posts {PostsOk} ok, {PostsRejected} rejected, {PostsFailed} failed, {PostRetries} retried; {DatabaseRetries} database retries")]
    public static partial void Totals(ILogger logger, double elapsedSeconds, double eventsPerSecond, long events, long skipped, long postsOk, long postsRejected, long postsFailed, long postRetries, long databaseRetries);

    // {Reason} is PostResult.Describe: "HTTP 404: <the answer>" or "no response: <what the connection did>".
    [LoggerMessage(6, LogLevel.Warning, "{Method} {Destination} rejected, not retried: {Reason}")]
    public static partial void PostRejected(ILogger logger, string method, string destination, string reason);

    [LoggerMessage(7, LogLevel.Error, "{Method} {Destination} failed after {Attempts} attempts: {Reason}")]
    public static partial void PostFailed(ILogger logger, string method, string destination, int attempts, string reason);

    [LoggerMessage(8, LogLevel.Warning, "{Method} {Destination} attempt {Attempt} failed ({Reason}); retrying in {Delay}")]
    public static partial void PostRetry(ILogger logger, string method, string destination, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(9, LogLevel.Warning, "Reading the source tables failed (attempt {Attempt}: {Reason}); retrying in {Delay}")]
    public static partial void DatabaseRetry(ILogger logger, int attempt, TimeSpan delay, string? reason);

    [LoggerMessage(10, LogLevel.Critical,
        "The source tables cannot be read: {Reason}. Check ConnectionStrings:pinterest or the db_creds.yaml, and that the Seeder has run.")]
    public static partial void DatabaseUnusable(ILogger logger, string reason);

    [LoggerMessage(11, LogLevel.Information, "Emitted {Count} events as asked; stopping")]
    public static partial void CountReached(ILogger logger, long count);

    [LoggerMessage(14, LogLevel.Error, "{Result}")]
    public static partial void CountNotDelivered(ILogger logger, string result);

    [LoggerMessage(12, LogLevel.Information, "Offsets drawn from 0..{MaxOffset}, the smallest row count of the three tables minus one")]
    public static partial void MaxOffsetFromRowCount(ILogger logger, long maxOffset);
}
