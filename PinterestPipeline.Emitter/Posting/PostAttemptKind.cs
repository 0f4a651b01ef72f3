namespace PinterestPipeline.Emitter.Posting;

/// <summary>What one HTTP attempt means for the request.</summary>
public enum PostAttemptKind
{
    /// <summary>The record was written.</summary>
    Ok,

    /// <summary>Worth another try: the target's retriable answers (5xx, 429, a produce error 5000x, a Kinesis throttle).</summary>
    Retryable,

    /// <summary>The request was refused (a validation error, an unknown topic or stream); retrying would not help.</summary>
    Rejected,
}
