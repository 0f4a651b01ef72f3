namespace PinterestPipeline.ServiceDefaults.Pipeline;

/// <summary>The media types of the REST Proxy v2 API.</summary>
public static class MediaTypes
{
    /// <summary>What every response of the API is.</summary>
    public const string V2 = "application/vnd.kafka.v2+json";

    public const string Json = "application/vnd.kafka.json.v2+json";

    public const string Binary = "application/vnd.kafka.binary.v2+json";

    /// <summary>Formats Confluent's proxy serves with a schema registry, which this proxy does not have.</summary>
    public static readonly IReadOnlyList<string> SchemaRegistryTypes =
    [
        "application/vnd.kafka.avro.v2+json",
        "application/vnd.kafka.jsonschema.v2+json",
        "application/vnd.kafka.protobuf.v2+json",
    ];

    /// <summary>Accept values a v2 client may send; <c>*/*</c> and <c>application/*</c> are handled as wildcards.</summary>
    public static readonly IReadOnlyList<string> Acceptable =
    [
        V2,
        "application/vnd.kafka+json",
        "application/json",
    ];
}
