using System.Text.Json.Serialization;

namespace PinterestPipeline.Emitter.Topics;

/// <summary>The part of a REST Proxy v2 produce response the emitter reads: one entry per record.</summary>
public sealed record ProduceResponse([property: JsonPropertyName("offsets")] IReadOnlyList<ProduceOffset>? Offsets);
