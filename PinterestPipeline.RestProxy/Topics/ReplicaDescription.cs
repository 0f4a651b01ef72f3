using System.Text.Json.Serialization;

namespace PinterestPipeline.RestProxy.Topics;

public sealed record ReplicaDescription(
    [property: JsonPropertyName("broker")] int Broker,
    [property: JsonPropertyName("leader")] bool Leader,
    [property: JsonPropertyName("in_sync")] bool InSync);
