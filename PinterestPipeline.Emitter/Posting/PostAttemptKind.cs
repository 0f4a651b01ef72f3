namespace PinterestPipeline.Emitter.Posting;

/// <summary>What one HTTP attempt means for the POST.</summary>
public enum PostAttemptKind
{
    /// <summary>Every record was written.</summary>
    Ok,

    /// <summary>Worth another try: 408, 429, 5xx, or a 200 with a record error 5000x.</summary>
    Retryable,

    /// <summary>The proxy refused the request (4xx, or a record error that is not 5000x); retrying would not help.</summary>
    Rejected,
}
