namespace PinterestPipeline.RestProxy.Gateway;

/// <summary>A request body refused before it was parsed; each API answers it in its own envelope.</summary>
public sealed class RequestBodyException : Exception
{
    public RequestBodyException()
    {
    }

    public RequestBodyException(string message)
        : base(message)
    {
    }

    public RequestBodyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private RequestBodyException(string message, long? limit, Exception? innerException)
        : base(message, innerException)
    {
        Limit = limit;
    }

    /// <summary>The size limit the body passed, or null when the body could not be read at all.</summary>
    public long? Limit { get; }

    public bool IsTooLarge => Limit is not null;

    /// <summary>The body would take the proxy past its budget of request bytes in flight; a later retry may pass.</summary>
    public bool IsOverBudget { get; private init; }

    public static RequestBodyException TooLarge(long limit) =>
        new($"the body may be at most {limit} bytes (API Gateway's payload limit is 10 MB)", limit, null);

    public static RequestBodyException OverBudget(Limits.RequestBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return new RequestBodyException(
            $"the proxy holds {budget.InFlight} bytes of request bodies and takes at most {budget.Limit} at once (RestProxy:MaxInFlightRequestBytes); retry after {Limits.Throttled.RetryAfterSeconds} s",
            null,
            null)
        {
            IsOverBudget = true,
        };
    }

    public static RequestBodyException Unreadable(Exception inner) =>
        new("the request body could not be read: " + inner.Message, null, inner);
}
