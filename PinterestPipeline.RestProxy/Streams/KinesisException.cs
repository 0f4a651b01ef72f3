namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// A Kinesis error: the <c>__type</c> and <c>message</c> of Kinesis's JSON error body and the HTTP status
/// Kinesis answers it with (400 for client errors, 500 for internal failures).
/// </summary>
public sealed class KinesisException : Exception
{
    public KinesisException()
        : this(InternalFailureType, "Internal failure.", StatusCodes.Status500InternalServerError)
    {
    }

    public KinesisException(string message)
        : this(InternalFailureType, message, StatusCodes.Status500InternalServerError)
    {
    }

    public KinesisException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorType = InternalFailureType;
        StatusCode = StatusCodes.Status500InternalServerError;
    }

    public KinesisException(string errorType, string message, int statusCode)
        : base(message)
    {
        ErrorType = errorType;
        StatusCode = statusCode;
    }

    public const string InternalFailureType = "InternalFailure";

    public string ErrorType { get; }

    public int StatusCode { get; }

    public static KinesisException ResourceNotFound(string message) => Client("ResourceNotFoundException", message);

    public static KinesisException InvalidArgument(string message) => Client("InvalidArgumentException", message);

    public static KinesisException ExpiredIterator(string message) => Client("ExpiredIteratorException", message);

    public static KinesisException ResourceInUse(string message) => Client("ResourceInUseException", message);

    public static KinesisException LimitExceeded(string message) => Client("LimitExceededException", message);

    /// <summary>A value of the wrong JSON type, as Kinesis's request deserializer reports it.</summary>
    public static KinesisException Serialization(string message) => Client("SerializationException", message);

    /// <summary>Constraint violations, in Kinesis's "N validation errors detected: ..." form.</summary>
    public static KinesisException Validation(IReadOnlyList<string> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var count = violations.Count;
        return Client("ValidationException", $"{count} validation error{(count == 1 ? "" : "s")} detected: {string.Join("; ", violations)}");
    }

    /// <summary>The broker did not do its part; the request may be retried.</summary>
    public static KinesisException InternalFailure(string message) =>
        new(InternalFailureType, message, StatusCodes.Status500InternalServerError);

    private static KinesisException Client(string errorType, string message) => new(errorType, message, StatusCodes.Status400BadRequest);
}
