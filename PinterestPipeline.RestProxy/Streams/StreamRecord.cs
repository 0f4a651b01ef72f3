namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// One record of a PutRecord or PutRecords body, as the mapping template hands it to Kinesis: the data blob's
/// bytes and the partition key. Either is null when the body lacks it (a validation error later).
/// </summary>
public readonly record struct StreamRecord(byte[]? Data, string? PartitionKey);
