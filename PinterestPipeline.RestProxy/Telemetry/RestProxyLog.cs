namespace PinterestPipeline.RestProxy.Telemetry;

/// <summary>The proxy's log messages.</summary>
internal static partial class RestProxyLog
{
    // Event ids 1-3 were the producer's own librdkafka error and log lines, now logged once by ServiceDefaults.

    [LoggerMessage(4, LogLevel.Warning, "The Kafka producer was already disposed at shutdown; nothing was flushed")]
    public static partial void FlushSkipped(ILogger logger);

    [LoggerMessage(5, LogLevel.Warning, "Kafka metadata request failed ({Reason}, timeout {Timeout}); GET /topics... answers 503 until the cluster responds; produce requests to known topics go ahead")]
    public static partial void MetadataFailed(ILogger logger, string reason, TimeSpan timeout);

    [LoggerMessage(6, LogLevel.Information, "Kafka metadata available again: {TopicCount} topics")]
    public static partial void MetadataRecovered(ILogger logger, int topicCount);

    [LoggerMessage(7, LogLevel.Information, "Stream {Stream} created: topic with {Shards} partitions")]
    public static partial void StreamCreated(ILogger logger, string stream, int shards);

    [LoggerMessage(8, LogLevel.Information, "Stream {Stream} deleted")]
    public static partial void StreamDeleted(ILogger logger, string stream);

    [LoggerMessage(9, LogLevel.Warning, "The Kafka cluster did not {Verb} topic {Stream}: {Reason}")]
    public static partial void StreamAdminFailed(ILogger logger, string verb, string stream, string reason);
}
