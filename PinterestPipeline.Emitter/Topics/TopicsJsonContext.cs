using System.Text.Json.Serialization;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Emitter.Topics;

[JsonSerializable(typeof(ProduceResponse))]
internal sealed partial class TopicsJsonContext : JsonSerializerContext;
