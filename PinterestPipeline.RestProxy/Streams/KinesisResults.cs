using System.Text.Json.Serialization.Metadata;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>Kinesis bodies as API Gateway passes them through: <c>application/json</c>, errors with the status the integration responses give.</summary>
public static class KinesisResults
{
    public const string ContentType = "application/json";

    public static IResult Json<T>(T body, JsonTypeInfo<T> typeInfo) => TypedResults.Json(body, typeInfo, ContentType);

    /// <summary>CreateStream and DeleteStream answer 200 with an empty body.</summary>
    public static IResult Empty() => TypedResults.Text(string.Empty, ContentType);

    /// <param name="error">The Kinesis error.</param>
    /// <param name="mode">Which integration responses the API has.</param>
    /// <param name="method">The request's method: in the tutorial only <c>DELETE</c> maps error statuses.</param>
    public static IResult Error(KinesisException error, IntegrationResponses mode, string method)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = mode == IntegrationResponses.Tutorial && !HttpMethods.IsDelete(method)
            ? StatusCodes.Status200OK
            : error.StatusCode >= 500 ? StatusCodes.Status500InternalServerError : StatusCodes.Status400BadRequest;
        return TypedResults.Json(new KinesisErrorResponse(error.ErrorType, error.Message), KinesisJsonContext.Api.KinesisErrorResponse, ContentType, status);
    }
}
