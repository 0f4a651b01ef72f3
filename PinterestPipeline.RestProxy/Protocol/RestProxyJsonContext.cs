using System.Text.Json.Serialization;
using PinterestPipeline.RestProxy.Produce;
using PinterestPipeline.RestProxy.Topics;

namespace PinterestPipeline.RestProxy.Protocol;

/// <summary>Source-generated serializers; nulls are written out, as the v2 contract shows them.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ProduceResponse))]
[JsonSerializable(typeof(TopicDescription))]
[JsonSerializable(typeof(IReadOnlyList<PartitionDescription>))]
[JsonSerializable(typeof(PartitionDescription))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
public sealed partial class RestProxyJsonContext : JsonSerializerContext;
