namespace PinterestPipeline.RestProxy.Produce;

/// <summary>How keys and values are embedded in a produce request.</summary>
public enum EmbeddedFormat
{
    /// <summary><c>application/vnd.kafka.json.v2+json</c>: any JSON value, stored as compact UTF-8 JSON.</summary>
    Json,

    /// <summary><c>application/vnd.kafka.binary.v2+json</c>: a base64 string, stored as the decoded bytes.</summary>
    Binary,
}
