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

public sealed record PartitionDescription(
    [property: JsonPropertyName("partition")] int Partition,
    [property: JsonPropertyName("leader")] int Leader,
    [property: JsonPropertyName("replicas")] IReadOnlyList<ReplicaDescription> Replicas);

public sealed record ReplicaDescription(
    [property: JsonPropertyName("broker")] int Broker,
    [property: JsonPropertyName("leader")] bool Leader,
    [property: JsonPropertyName("in_sync")] bool InSync);
