using System.Text.Json.Serialization;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>PutRecord's answer.</summary>
public sealed record PutRecordResponse(string SequenceNumber, string ShardId);

/// <summary>PutRecords' answer: one entry per record, in request order.</summary>
public sealed record PutRecordsResponse(int FailedRecordCount, IReadOnlyList<PutRecordsResultEntry> Records);

/// <summary>Where a record landed (<c>SequenceNumber</c>, <c>ShardId</c>), or why it did not (<c>ErrorCode</c>, <c>ErrorMessage</c>).</summary>
public sealed record PutRecordsResultEntry(string? SequenceNumber, string? ShardId, string? ErrorCode, string? ErrorMessage)
{
    [JsonIgnore]
    public bool Failed => ErrorCode is not null;
}
