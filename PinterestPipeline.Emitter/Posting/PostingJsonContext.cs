using System.Text.Json.Serialization;

namespace PinterestPipeline.Emitter.Posting;

[JsonSerializable(typeof(ProduceResponse))]
internal sealed partial class PostingJsonContext : JsonSerializerContext;
