using System.Text.Json;
using System.Text.Json.Serialization;

namespace PinterestPipeline.RestProxy.Produce;

/// <summary>The shape of a produce request, for the OpenAPI document; requests themselves are read by <see cref="ProduceRequestParser"/>.</summary>
public sealed record ProduceRequestDocument(
    [property: JsonPropertyName("records")] IReadOnlyList<ProduceRecordDocument> Records);

/// <summary>One record of <see cref="ProduceRequestDocument"/>: any JSON value (JSON format) or a base64 string (binary format).</summary>
public sealed record ProduceRecordDocument(
    [property: JsonPropertyName("key")] JsonElement? Key,
    [property: JsonPropertyName("value")] JsonElement? Value,
    [property: JsonPropertyName("partition")] int? Partition);

/// <summary>One record of a produce request, as the bytes that go to Kafka.</summary>
public readonly record struct ProduceRecord(byte[]? Key, byte[]? Value, int? Partition);
