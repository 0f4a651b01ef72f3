using System.Text.Json.Serialization;

namespace PinterestPipeline.Emitter.Topics;

/// <summary>A record's result in a produce response; a failed record has an <c>error_code</c> (50002, 50003) and HTTP 200.</summary>
public sealed record ProduceOffset(
    [property: JsonPropertyName("partition")] int? Partition,
    [property: JsonPropertyName("offset")] long? Offset,
    [property: JsonPropertyName("error_code")] int? ErrorCode,
    [property: JsonPropertyName("error")] string? Error);
