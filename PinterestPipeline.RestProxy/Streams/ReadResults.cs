namespace PinterestPipeline.RestProxy.Streams;

/// <summary>GetShardIterator's answer.</summary>
public sealed record GetShardIteratorResponse(string ShardIterator);

/// <summary>GetRecords' answer.</summary>
public sealed record GetRecordsResponse(IReadOnlyList<StreamRecordResponse> Records, string NextShardIterator, long MillisBehindLatest);

/// <summary>
/// One record as GetRecords shows it: <c>Data</c> is written as base64, <c>ApproximateArrivalTimestamp</c>
/// as epoch seconds with a fraction (the Kafka message timestamp, which the proxy sets on arrival).
/// </summary>
public sealed record StreamRecordResponse(string SequenceNumber, double ApproximateArrivalTimestamp, byte[] Data, string PartitionKey);
