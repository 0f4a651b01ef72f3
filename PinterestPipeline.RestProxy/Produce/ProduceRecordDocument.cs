using System.Text.Json;
using System.Text.Json.Serialization;

namespace PinterestPipeline.RestProxy.Produce;

/// <summary>One record of <see cref="ProduceRequestDocument"/>: any JSON value (JSON format) or a base64 string (binary format).</summary>
public sealed record ProduceRecordDocument(
    [property: JsonPropertyName("key")] JsonElement? Key,
    [property: JsonPropertyName("value")] JsonElement? Value,
    [property: JsonPropertyName("partition")] int? Partition);
