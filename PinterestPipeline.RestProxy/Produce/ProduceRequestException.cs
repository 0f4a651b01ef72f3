namespace PinterestPipeline.RestProxy.Produce;

/// <summary>A produce request the proxy rejects as a whole, with the status and envelope to answer.</summary>
public sealed class ProduceRequestException : Exception
{
    public ProduceRequestException()
    {
    }

    public ProduceRequestException(string message)
        : base(message)
    {
    }

    public ProduceRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProduceRequestException(int statusCode, int errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public int StatusCode { get; } = StatusCodes.Status400BadRequest;

    public int ErrorCode { get; } = Protocol.ErrorCodes.BadRequest;

    public static ProduceRequestException BadRequest(string detail, Exception? inner = null) =>
        new(StatusCodes.Status400BadRequest, Protocol.ErrorCodes.BadRequest, "Bad Request: " + detail, inner);

    public static ProduceRequestException Unprocessable(string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, Protocol.ErrorCodes.UnprocessableEntity, detail);
}
