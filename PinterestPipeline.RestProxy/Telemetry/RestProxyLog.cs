using Confluent.Kafka;

namespace PinterestPipeline.RestProxy.Telemetry;

/// <summary>The proxy's log messages.</summary>
internal static partial class RestProxyLog
{
    [LoggerMessage(1, LogLevel.Critical, "Kafka producer failed fatally ({Code}: {Reason}); records will fail until the service restarts")]
    public static partial void ProducerFatal(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Kafka producer error {Code}: {Reason}")]
    public static partial void ProducerError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(EventId = 3, Message = "librdkafka {Facility}: {Text}")]
    public static partial void ClientLog(ILogger logger, LogLevel level, string facility, string text);

    [LoggerMessage(4, LogLevel.Warning, "The Kafka producer was already disposed at shutdown; nothing was flushed")]
    public static partial void FlushSkipped(ILogger logger);

    [LoggerMessage(5, LogLevel.Warning, "Kafka metadata request failed ({Reason}, timeout {Timeout}); known topics are served from the last answer until the cluster responds")]
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
