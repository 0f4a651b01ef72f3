using System.Text.Json.Serialization;

namespace PinterestPipeline.Emitter.Streams;

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(KinesisAnswer))]
internal sealed partial class StreamsJsonContext : JsonSerializerContext;
