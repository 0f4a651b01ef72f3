namespace PinterestPipeline.Emitter.Posting;

/// <summary>How a request (POST or PUT) ended after its retries.</summary>
public enum PostOutcome
{
    Ok,

    /// <summary>Refused (a 4xx or a non-retriable error in the body); logged with the response and not retried.</summary>
    Rejected,

    /// <summary>Still failing after the last attempt (connection error, timeout, or the target's retriable answers).</summary>
    Failed,
}
