using Microsoft.AspNetCore.Http.HttpResults;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.RestProxy.Protocol;

/// <summary>Responses in the v2 media type, serialized by the source-generated context.</summary>
public static class RestResults
{
    public static JsonHttpResult<ErrorResponse> Error(int statusCode, int errorCode, string message) =>
        TypedResults.Json(new ErrorResponse(errorCode, message), RestProxyJsonContext.Api.ErrorResponse, MediaTypes.V2, statusCode);

    public static JsonHttpResult<ErrorResponse> TopicNotFound() =>
        Error(StatusCodes.Status404NotFound, ErrorCodes.TopicNotFound, "Topic not found.");

    public static JsonHttpResult<ErrorResponse> PartitionNotFound() =>
        Error(StatusCodes.Status404NotFound, ErrorCodes.PartitionNotFound, "Partition not found.");

    public static JsonHttpResult<ErrorResponse> BrokerNotAvailable() =>
        Error(StatusCodes.Status503ServiceUnavailable, ErrorCodes.BrokerNotAvailable, "Broker not available.");
}
