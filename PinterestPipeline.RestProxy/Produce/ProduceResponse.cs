using System.Text.Json.Serialization;

namespace PinterestPipeline.RestProxy.Produce;

/// <summary>
/// The v2 produce response: one entry per record in request order. The schema ids are always null
/// (no schema registry) but written out, as Confluent's proxy does.
/// </summary>
public sealed record ProduceResponse(
    [property: JsonPropertyName("offsets")] IReadOnlyList<PartitionOffset> Offsets,
    [property: JsonPropertyName("key_schema_id")] int? KeySchemaId,
    [property: JsonPropertyName("value_schema_id")] int? ValueSchemaId);
