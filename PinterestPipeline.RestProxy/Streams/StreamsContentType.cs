using Microsoft.Net.Http.Headers;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// The Content-Types the tutorial's methods have mapping templates for. API Gateway takes a request without
/// one as <c>application/json</c>; any other type is refused (415), as with passthrough off.
/// </summary>
public static class StreamsContentType
{
    public const string Json = "application/json";

    /// <summary>PutRecords' second template: <c>data</c> is already base64.</summary>
    public const string AmzJson = "application/x-amz-json-1.1";

    public static bool IsJson(string? contentType) => Is(contentType, Json, missingMatches: true);

    public static bool IsAmzJson(string? contentType) => Is(contentType, AmzJson, missingMatches: false);

    private static bool Is(string? contentType, string mediaType, bool missingMatches)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return missingMatches;
        }

        return MediaTypeHeaderValue.TryParse(contentType, out var parsed) &&
               string.Equals(parsed.MediaType.Value, mediaType, StringComparison.OrdinalIgnoreCase);
    }
}
