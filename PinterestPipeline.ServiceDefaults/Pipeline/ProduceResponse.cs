using System.Text.Json.Serialization;

namespace PinterestPipeline.ServiceDefaults.Pipeline;

/// <summary>
/// The REST Proxy v2 produce response: one entry per record in request order. The schema ids are always null
/// (no schema registry) but written out, as Confluent's proxy does. The proxy writes it; the emitter reads it.
/// </summary>
public sealed record ProduceResponse(
    [property: JsonPropertyName("offsets")] IReadOnlyList<PartitionOffset>? Offsets,
    [property: JsonPropertyName("key_schema_id")] int? KeySchemaId,
    [property: JsonPropertyName("value_schema_id")] int? ValueSchemaId);

/// <summary>
/// The outcome of one record: where it landed, or why it did not (then partition and offset are null, and the
/// error code is 50002 or 50003 in an HTTP 200 answer).
/// </summary>
public sealed record PartitionOffset(
    [property: JsonPropertyName("partition")] int? Partition,
    [property: JsonPropertyName("offset")] long? Offset,
    [property: JsonPropertyName("error_code")] int? ErrorCode,
    [property: JsonPropertyName("error")] string? Error);
