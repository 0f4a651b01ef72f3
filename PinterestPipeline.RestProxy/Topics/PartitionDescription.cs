using System.Text.Json.Serialization;

namespace PinterestPipeline.RestProxy.Topics;

public sealed record PartitionDescription(
    [property: JsonPropertyName("partition")] int Partition,
    [property: JsonPropertyName("leader")] int Leader,
    [property: JsonPropertyName("replicas")] IReadOnlyList<ReplicaDescription> Replicas);
