using PinterestPipeline.ServiceDefaults.Pipeline;
using System.Text.Json.Serialization;

namespace PinterestPipeline.Emitter.Topics;

[JsonSerializable(typeof(ProduceResponse))]
internal sealed partial class TopicsJsonContext : JsonSerializerContext;
