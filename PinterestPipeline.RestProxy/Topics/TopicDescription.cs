using System.Text.Json.Serialization;

namespace PinterestPipeline.RestProxy.Topics;

/// <summary>
/// <c>GET /topics/{topic}</c>. <c>configs</c> is empty: topic configs need DescribeConfigs, which the
/// proxy does not call (librdkafka's mock broker does not implement it).
/// </summary>
public sealed record TopicDescription(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("configs")] IReadOnlyDictionary<string, string> Configs,
    [property: JsonPropertyName("partitions")] IReadOnlyList<PartitionDescription> Partitions);
