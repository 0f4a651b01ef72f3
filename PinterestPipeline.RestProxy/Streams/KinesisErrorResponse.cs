using System.Text.Json.Serialization;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>Kinesis's JSON error body: <c>{"__type": "ResourceNotFoundException", "message": "..."}</c>.</summary>
public sealed record KinesisErrorResponse(
    [property: JsonPropertyName("__type")] string Type,
    [property: JsonPropertyName("message")] string Message);
