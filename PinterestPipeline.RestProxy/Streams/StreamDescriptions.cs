namespace PinterestPipeline.RestProxy.Streams;

/// <summary>ListStreams' answer.</summary>
public sealed record ListStreamsResponse(bool HasMoreStreams, IReadOnlyList<string> StreamNames, IReadOnlyList<StreamSummary> StreamSummaries);

public sealed record StreamSummary(string StreamName, string StreamARN, string StreamStatus, StreamModeDetails StreamModeDetails);

public sealed record StreamModeDetails(string StreamMode);

/// <summary>DescribeStream's answer.</summary>
public sealed record DescribeStreamResponse(StreamDescription StreamDescription);

/// <summary>
/// A stream and its shards. <c>RetentionPeriodHours</c> and <c>StreamCreationTimestamp</c> are left out:
/// Kafka's metadata does not carry them, and reading topic configs needs DescribeConfigs, which
/// librdkafka's mock cluster does not implement.
/// </summary>
public sealed record StreamDescription(
    string StreamName,
    string StreamARN,
    string StreamStatus,
    StreamModeDetails StreamModeDetails,
    IReadOnlyList<Shard> Shards,
    bool HasMoreShards,
    IReadOnlyList<EnhancedMetrics> EnhancedMonitoring,
    string EncryptionType);

public sealed record Shard(string ShardId, HashKeyRange HashKeyRange, SequenceNumberRange SequenceNumberRange);

/// <summary>The shard's part of the 128-bit MD5 hash key space, inclusive, as decimal strings.</summary>
public sealed record HashKeyRange(string StartingHashKey, string EndingHashKey);

/// <summary>An open shard has a start and no end.</summary>
public sealed record SequenceNumberRange(string StartingSequenceNumber);

public sealed record EnhancedMetrics(IReadOnlyList<string> ShardLevelMetrics);
