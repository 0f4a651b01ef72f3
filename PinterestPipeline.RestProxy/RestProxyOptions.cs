using System.ComponentModel.DataAnnotations;

namespace PinterestPipeline.RestProxy;

/// <summary>Settings of the proxy, bound from the <c>RestProxy</c> configuration section.</summary>
public sealed class RestProxyOptions : IValidatableObject
{
    public const string SectionName = "RestProxy";

    /// <summary>API Gateway's payload limit, so a request that passes here would pass there.</summary>
    public const long DefaultMaxRequestBodyBytes = 10 * 1024 * 1024;

    /// <summary>
    /// How long a record may take from the request to the broker's acknowledgement (librdkafka's
    /// <c>message.timeout.ms</c>). Kept well below API Gateway's 29 s integration timeout, so a client
    /// behind it sees a per-record 50003 instead of a gateway 504.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "{0} must be between {1} and {2}")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the producer waits to fill a batch (librdkafka's <c>linger.ms</c>). 0, the default, sends at once: a
    /// sequential client (the course's emitter: three POSTs per event, one after the other) is answered in well under a
    /// millisecond, and under load librdkafka still batches the records that queue while its earlier produce requests
    /// are outstanding. A few milliseconds trade every request's latency for fewer, larger produce requests when many
    /// multi-record requests arrive at once (README, "Benchmark").
    /// </summary>
    [Range(0, 1000, ErrorMessage = "{0} must be between {1} and {2}")]
    public int LingerMs { get; set; }

    [Range(1, 1_000_000, ErrorMessage = "{0} must be between {1} and {2}")]
    public int MaxRecordsPerRequest { get; set; } = 10_000;

    [Range(1, 1L << 30, ErrorMessage = "{0} must be between {1} and {2}")]
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>
    /// The request body bytes the proxy holds at once, from the start of reading a body until its response is
    /// written. A request that would pass it is answered 429 with <c>Retry-After</c>, its body unread (a body without
    /// Content-Length is counted as it arrives). The default, four full 10 MB bodies, keeps the proxy near 200 MB
    /// RSS whatever the clients send (README, "Memory"). At least <see cref="MaxRequestBodyBytes"/>, so that every
    /// body the size limit lets through can pass once the proxy is idle.
    /// </summary>
    [Range(1, 1L << 34, ErrorMessage = "{0} must be between {1} and {2}")]
    public long MaxInFlightRequestBytes { get; set; } = 4 * DefaultMaxRequestBodyBytes;

    /// <summary>
    /// Open connections served at once. Past it a connection's requests are answered 429 with <c>Retry-After</c> and
    /// the connection is closed; past twice it connections are closed unanswered.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "{0} must be between {1} and {2}")]
    public int MaxConnections { get; set; } = 1024;

    /// <summary>
    /// Accepted values of the <c>x-api-key</c> header. Empty (the default) turns the check off, as an
    /// API Gateway stage without a usage plan.
    /// </summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>
    /// An API Gateway stage (e.g. <c>test</c>): every route is then also served under <c>/&lt;stage&gt;/</c>, so a
    /// client configured with an invoke URL such as <c>https://x.execute-api.us-east-1.amazonaws.com/test</c> works
    /// unchanged, and unknown paths and methods answer API Gateway's 403 Missing Authentication Token.
    /// </summary>
    [RegularExpression("^[a-zA-Z0-9_-]{1,128}$", ErrorMessage = "RestProxy:Stage must be 1 to 128 characters from a-z, A-Z, 0-9, '-' and '_' (API Gateway's rule for stage names), without slashes.")]
    public string? Stage { get; set; }

    /// <summary>How often topic metadata is refreshed in the background.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "{0} must be between {1} and {2}")]
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one metadata request may take. It bounds the answer to an unknown topic and the
    /// <c>/health</c> probe, so neither can hang on an unreachable broker.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:20", ErrorMessage = "{0} must be between {1} and {2}")]
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long an <c>Idempotency-Key</c> is remembered after its request was produced: a request repeating it within
    /// this time is answered with the first one's offsets and produces nothing. It must cover the clients' retry
    /// budget (the emitter's is 5 minutes).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "{0} must be between {1} and {2}")]
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The most keys remembered (about 200 bytes each), oldest forgotten first, and the most records read back per
    /// partition when a topic's keys are read from the log.
    /// </summary>
    [Range(1, 10_000_000, ErrorMessage = "{0} must be between {1} and {2}")]
    public int IdempotencyMaxKeys { get; set; } = 200_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxInFlightRequestBytes < MaxRequestBodyBytes)
        {
            yield return new ValidationResult(
                $"RestProxy:MaxInFlightRequestBytes ({MaxInFlightRequestBytes}) must be at least RestProxy:MaxRequestBodyBytes ({MaxRequestBodyBytes}): a body the size limit lets through could otherwise never pass the budget.",
                [nameof(MaxInFlightRequestBytes)]);
        }
    }
}
