namespace PinterestPipeline.Emitter.Posting;

/// <summary>How a POST ended after its retries.</summary>
public enum PostOutcome
{
    Ok,

    /// <summary>Refused by the proxy (4xx or a non-retriable record error); logged with the response and not retried.</summary>
    Rejected,

    /// <summary>Still failing after the last attempt (connection error, timeout, 429, 5xx, 5000x).</summary>
    Failed,
}
