using System.Text.Json.Serialization;

namespace PinterestPipeline.RestProxy.Protocol;

/// <summary>Confluent's error envelope: <c>{"error_code": N, "message": "..."}</c>.</summary>
public sealed record ErrorResponse(
    [property: JsonPropertyName("error_code")] int ErrorCode,
    [property: JsonPropertyName("message")] string Message);
