using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace PinterestPipeline.Sink.Telemetry;

/// <summary>The sink's log messages.</summary>
internal static partial class SinkLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Sink {Connector} writes topics matching {TopicsRegex} (consumer group {GroupId}) to the bucket at {Location}, under {TopicsDir}/, flush.size {FlushSize}, rotate.interval.ms {RotateIntervalMs}, errors.tolerance {ErrorsTolerance}")]
    public static partial void Starting(ILogger logger, string connector, string topicsRegex, string groupId, string location, string topicsDir, int flushSize, long? rotateIntervalMs, string errorsTolerance);

    [LoggerMessage(2, LogLevel.Information, "Partitions assigned: {Partitions}")]
    public static partial void Assigned(ILogger logger, string partitions);

    [LoggerMessage(3, LogLevel.Information, "Partition {TopicPartition} revoked at offset {Offset}; {Records} buffered records dropped, its next owner reads them again")]
    public static partial void Revoked(ILogger logger, TopicPartition topicPartition, long offset, int records);

    [LoggerMessage(4, LogLevel.Warning, "Partition {TopicPartition} lost; {Records} buffered records dropped, its next owner reads them again from the committed offset")]
    public static partial void Lost(ILogger logger, TopicPartition topicPartition, int records);

    [LoggerMessage(5, LogLevel.Debug, "Wrote {Key} ({Records} records, {Bytes} bytes)")]
    public static partial void ObjectWritten(ILogger logger, string key, int records, int bytes);

    [LoggerMessage(6, LogLevel.Warning, "Writing {Key} failed (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}")]
    public static partial void PutFailed(ILogger logger, Exception exception, string key, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(7, LogLevel.Warning, "Record {Topic}/{Partition}@{Offset} is not JSON ({Problem}); its raw bytes went to {Key} (errors.tolerance All)")]
    public static partial void DeadLettered(ILogger logger, string topic, int partition, long offset, string problem, string key);

    [LoggerMessage(8, LogLevel.Critical, "The sink stopped: {Reason}")]
    public static partial void Stopped(ILogger logger, Exception exception, string reason);

    [LoggerMessage(9, LogLevel.Warning, "Committing offsets {Offsets} failed; they are committed with the next batch, or re-read and rewritten to the same keys by the next owner")]
    public static partial void CommitFailed(ILogger logger, KafkaException exception, string offsets);

    [LoggerMessage(10, LogLevel.Warning, "Consuming failed: {Reason}")]
    public static partial void ConsumeFailed(ILogger logger, string reason);

    // Event id 11 was the consumer's error events, now logged once by ServiceDefaults (KafkaClientLog).

    [LoggerMessage(12, LogLevel.Warning, "Closing the consumer failed: {Reason}")]
    public static partial void CloseFailed(ILogger logger, string reason);
}
