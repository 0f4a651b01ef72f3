namespace PinterestPipeline.Emitter.Configuration;

/// <summary>Backoff for requests to the proxy (bounded) and for database reads (until the database is back).</summary>
public sealed class EmitterRetryOptions
{
    /// <summary>Attempts per request (POST or PUT), the first included; after the last one the request counts as failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first backoff; it doubles per attempt, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest single backoff.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one HTTP attempt may take before it is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
