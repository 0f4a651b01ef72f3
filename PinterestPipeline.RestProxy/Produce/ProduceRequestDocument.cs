using System.Text.Json.Serialization;

namespace PinterestPipeline.RestProxy.Produce;

/// <summary>The shape of a produce request, for the OpenAPI document; requests themselves are read by <see cref="ProduceRequestParser"/>.</summary>
public sealed record ProduceRequestDocument(
    [property: JsonPropertyName("records")] IReadOnlyList<ProduceRecordDocument> Records);
