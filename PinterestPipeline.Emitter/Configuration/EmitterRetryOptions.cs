using System.ComponentModel.DataAnnotations;

namespace PinterestPipeline.Emitter.Configuration;

/// <summary>Backoff for requests to the proxy (bounded) and for database reads (until the database is back).</summary>
public sealed class EmitterRetryOptions
{
    /// <summary>
    /// Attempts per request (POST or PUT), the first included; after the last one, or once <see cref="Budget"/> has
    /// passed, the request counts as failed.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be 1 or more")]
    public int MaxAttempts { get; set; } = 100;

    /// <summary>
    /// How long a request is retried, from its first attempt: long enough to ride out a proxy or broker outage of
    /// minutes. Retries are safe: every request carries an <c>Idempotency-Key</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.0000001", SettingsValidation.MaxTimeSpan, ErrorMessage = "{0} must be positive, e.g. 00:05:00")]
    public TimeSpan Budget { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first backoff; it doubles per attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.0000001", SettingsValidation.MaxTimeSpan, ErrorMessage = "{0} must be positive")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest single backoff.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one HTTP attempt may take before it is abandoned and retried (Polly's timeout accepts 10 ms to 1 day).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "{0} must be between {1} and {2}")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
