using System.Text.Json.Serialization;

namespace PinterestPipeline.Emitter.Streams;

/// <summary>
/// What the emitter reads of a PutRecord answer passed through by API Gateway: <c>{"SequenceNumber", "ShardId"}</c> when
/// the record was stored, <c>{"__type", "message"}</c> when Kinesis refused it (with any HTTP status the integration
/// response maps it to, the tutorial's default being 200).
/// </summary>
public sealed record KinesisAnswer(
    [property: JsonPropertyName("SequenceNumber")] string? SequenceNumber,
    [property: JsonPropertyName("ShardId")] string? ShardId,
    [property: JsonPropertyName("__type")] string? Type);
