using System.Text.Json.Serialization;

namespace PinterestPipeline.RestProxy.Produce;

/// <summary>The outcome of one record: where it landed, or why it did not (then partition and offset are null).</summary>
public sealed record PartitionOffset(
    [property: JsonPropertyName("partition")] int? Partition,
    [property: JsonPropertyName("offset")] long? Offset,
    [property: JsonPropertyName("error_code")] int? ErrorCode,
    [property: JsonPropertyName("error")] string? Error);
