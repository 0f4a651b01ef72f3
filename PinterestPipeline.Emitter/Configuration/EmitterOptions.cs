using System.ComponentModel.DataAnnotations;
using PinterestPipeline.Emitter.Source;

namespace PinterestPipeline.Emitter.Configuration;

/// <summary>
/// Settings of the emitter, bound from the <c>Emitter</c> section and checked at start-up by
/// <see cref="EmitterOptionsValidator"/>.
/// </summary>
public sealed class EmitterOptions
{
    public const string SectionName = "Emitter";

    /// <summary>
    /// Where the proxy's <c>/topics</c> and <c>/streams</c> routes live: <c>http://restproxy</c> under Aspire (service
    /// discovery), <c>http://127.0.0.1:8082</c> for a local proxy, or an API Gateway invoke URL including its stage
    /// (<c>https://abc123.execute-api.us-east-1.amazonaws.com/test</c>).
    /// </summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary><c>Topics</c> (the REST Proxy's produce API, default) or <c>Streams</c> (API Gateway's Kinesis PutRecord).</summary>
    public EmitterTarget Target { get; set; } = EmitterTarget.Topics;

    /// <summary>With <see cref="EmitterTarget.Streams"/>: the row as a JSON string (<c>String</c>, the seed's) or as an object.</summary>
    public StreamData StreamData { get; set; } = StreamData.String;

    /// <summary>
    /// Topics are <c>&lt;prefix&gt;.pin</c>, <c>.geo</c> and <c>.user</c>, streams <c>streaming-&lt;prefix&gt;-pin</c>,
    /// <c>-geo</c> and <c>-user</c>; falls back to <c>Pipeline:TopicPrefix</c>.
    /// </summary>
    public string? TopicPrefix { get; set; }

    /// <summary>The largest offset drawn (inclusive), as in the course's <c>randint(0, 11000)</c>.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "{0} must be 0 or more")]
    public int MaxOffset { get; set; } = 11000;

    /// <summary>When true, <see cref="MaxOffset"/> is replaced at start by the smallest row count of the three tables minus one.</summary>
    public bool MaxOffsetFromRowCount { get; set; }

    /// <summary>How the row at an offset is found: <c>KeyIndex</c> (default: cached keys, checked for changes) or <c>Offset</c> (a query per event).</summary>
    public RowLookup RowLookup { get; set; } = RowLookup.KeyIndex;

    /// <summary>With <see cref="RowLookup.KeyIndex"/>, how old the cached keys may get before they are read again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.0000001", SettingsValidation.MaxTimeSpan, ErrorMessage = "{0} must be positive")]
    public TimeSpan KeyIndexRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// With <see cref="RowLookup.KeyIndex"/>, how often the tables' key signatures are compared with the cached keys'
    /// (a change of keys is seen by the first read this long after it); <c>00:00:00</c> checks before every read.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", SettingsValidation.MaxTimeSpan, ErrorMessage = "{0} must not be negative")]
    public TimeSpan KeyIndexCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00", SettingsValidation.MaxTimeSpan, ErrorMessage = "{0} must not be negative")]
    public TimeSpan MinDelay { get; set; } = TimeSpan.Zero;

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Seeds the offset and delay draws; the same seed gives the same offsets, as Python's <c>random.seed</c> does.</summary>
    public int? Seed { get; set; }

    /// <summary>0 runs forever; N stops after N events and exits with code 0.</summary>
    [Range(0, long.MaxValue, ErrorMessage = "{0} must be 0 (run forever) or a positive number of events")]
    public long Count { get; set; }

    /// <summary>How many events are in flight at once.</summary>
    [Range(1, 1024, ErrorMessage = "{0} must be between {1} and {2}")]
    public int Concurrency { get; set; } = 1;

    /// <summary>Print each request (URL and body) to standard output instead of sending it.</summary>
    public bool DryRun { get; set; }

    /// <summary>Extra headers on every request, e.g. <c>x-api-key</c> for an API Gateway usage plan. Values are never logged.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A <c>db_creds.yaml</c> of the original project; also <c>--creds &lt;path&gt;</c> on the command line.</summary>
    public string? CredsFile { get; set; }

    /// <summary>How often a summary line is logged; <c>00:00:00</c> turns it off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", SettingsValidation.MaxTimeSpan, ErrorMessage = "{0} must not be negative (00:00:00 turns the summary off)")]
    public TimeSpan SummaryInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long events already in flight may take to finish once shutdown starts.</summary>
    [Range(typeof(TimeSpan), "00:00:00", SettingsValidation.MaxTimeSpan, ErrorMessage = "{0} must not be negative")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public EmitterRetryOptions Retry { get; set; } = new();
}
