using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PinterestPipeline.RestProxy.Topics;
using PinterestPipeline.ServiceDefaults.Pipeline;

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
public sealed partial class RestProxyJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the API writes with: responses are JSON, never HTML, so '+', quotes and non-ASCII
    /// text in messages stay readable instead of being \u-escaped.
    /// </summary>
    public static RestProxyJsonContext Api { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    });
}
