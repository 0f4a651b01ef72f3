namespace PinterestPipeline.Sink.Writing;

/// <summary>A record the sink may not skip (<c>Sink:ErrorsTolerance</c> is <c>None</c>): the sink stops here.</summary>
public sealed class BadRecordException : Exception
{
    public BadRecordException()
    {
    }

    public BadRecordException(string message)
        : base(message)
    {
    }

    public BadRecordException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
