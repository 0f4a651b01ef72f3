using System.Text.Encodings.Web;
using System.Text.Json;

namespace PinterestPipeline.RestProxy.Gateway;

/// <summary>
/// An answer API Gateway gives itself, before or instead of calling an integration: status, body
/// <c>{"message": "..."}</c> and, where API Gateway sends one, the <c>x-amzn-ErrorType</c> header.
/// </summary>
public sealed record GatewayError(int StatusCode, string Message, string? ErrorType) : IResult
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A path or method the API does not have, under a stage (API Gateway checks routes before anything else).</summary>
    public static GatewayError MissingAuthenticationToken { get; } =
        new(StatusCodes.Status403Forbidden, "Missing Authentication Token", "MissingAuthenticationTokenException");

    /// <summary>A missing or wrong <c>x-api-key</c> on a method that requires one.</summary>
    public static GatewayError Forbidden { get; } = new(StatusCodes.Status403Forbidden, "Forbidden", "ForbiddenException");

    /// <summary>A body over the payload limit (REQUEST_TOO_LARGE).</summary>
    public static GatewayError RequestTooLarge { get; } = new(StatusCodes.Status413PayloadTooLarge, "Request Too Long", null);

    /// <summary>API Gateway's THROTTLED answer (its account throttle); the proxy gives it when it is over its own budgets.</summary>
    public static GatewayError TooManyRequests { get; } = new(StatusCodes.Status429TooManyRequests, "Too Many Requests", "TooManyRequestsException");

    /// <summary>A Content-Type the method has no mapping template for, with passthrough off (UNSUPPORTED_MEDIA_TYPE).</summary>
    public static GatewayError UnsupportedMediaType { get; } = new(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type", null);

    /// <summary>A body the mapping template cannot read as JSON.</summary>
    public static GatewayError UnparsableBody(string detail) =>
        new(StatusCodes.Status400BadRequest, "Could not parse request body into json: " + detail, "BadRequestException");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "application/json";
        if (ErrorType is not null)
        {
            response.Headers[ErrorTypeHeader] = ErrorType;
        }

        await using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("message", Message);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
