using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PinterestPipeline.Emitter.Configuration;
using PinterestPipeline.Emitter.Posting;
using PinterestPipeline.Emitter.Source;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Emitter.Streams;

/// <summary>
/// API Gateway's Kinesis integration: <c>PUT &lt;ApiBaseUrl&gt;/streams/&lt;stream&gt;/record</c> with the body of the
/// seed's <c>user_posting_emulation_stream.py</c>, byte for byte as <c>requests.put(json=payload)</c> sends it:
/// <c>{"StreamName": "streaming-&lt;prefix&gt;-pin", "Data": "&lt;json.dumps(row)&gt;", "PartitionKey": "partition-1"}</c>.
/// </summary>
public sealed class StreamsTarget : IPostTarget
{
    public const string MediaType = "application/json";

    /// <summary>
    /// The Kinesis errors an AWS SDK retries (throttling and service faults); any other error type, such as
    /// ResourceNotFoundException or InvalidArgumentException, is the request's fault and is not retried.
    /// </summary>
    private static readonly HashSet<string> RetriableErrors = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException",
        "KMSThrottlingException",
        "ThrottlingException",
        "LimitExceededException",
        "InternalFailure",
        "InternalFailureException",
        "ServiceUnavailable",
        "ServiceUnavailableException",
    };

    private readonly string baseUrl;
    private readonly string prefix;
    private readonly StreamData data;

    public StreamsTarget(IOptions<EmitterOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        baseUrl = (options.Value.ApiBaseUrl ?? string.Empty).TrimEnd('/');
        prefix = options.Value.TopicPrefix ?? string.Empty;
        data = options.Value.StreamData;
    }

    public string Description => $"streams streaming-{prefix}-pin|geo|user (Data as {(data == StreamData.String ? "a string" : "an object")})";

    public HttpMethod Method => HttpMethod.Put;

    public MediaTypeHeaderValue ContentType { get; } = new(MediaType);

    public string DestinationFor(SourceTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.StreamFor(prefix);
    }

    public Uri UriFor(string destination) => new($"{baseUrl}/streams/{Uri.EscapeDataString(destination)}/record");

    public IRowJsonWriter CreateRowWriter() => new PythonJsonWriter();

    public byte[] Body(SourceRow row, string destination)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var writer = new PythonJsonWriter();
        writer.WriteStartObject();
        writer.WritePropertyName("StreamName");
        writer.WriteStringValue(destination);
        writer.WritePropertyName("Data");
        if (data == StreamData.String)
        {
            writer.WriteStringValue(Encoding.UTF8.GetString(row.Json.Span));
        }
        else
        {
            writer.WriteRawValue(row.Json.Span);
        }

        writer.WritePropertyName("PartitionKey");
        writer.WriteStringValue(row.Table.PartitionKey);
        writer.WriteEndObject();
        return writer.TakeWritten();
    }

    /// <summary>
    /// As Kinesis clients do: 5xx, 408 and 429 and the retriable error types are retried whatever the status; a 2xx
    /// without an error type is a stored record (its shard and sequence number are kept); anything else is refused.
    /// </summary>
    public PostAttempt Classify(HttpStatusCode status, string body)
    {
        var code = (int)status;
        var answer = Parse(body);
        var error = ErrorCode(answer?.Type);
        if (code is >= 200 and < 300 && error is null)
        {
            var position = answer is { ShardId: { } shard, SequenceNumber: { } sequence } ? new RecordPosition(shard, sequence) : null;
            return new PostAttempt(code, PostAttemptKind.Ok, null, position);
        }

        var retriable = code >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            || (error is not null && RetriableErrors.Contains(error));
        return new PostAttempt(code, retriable ? PostAttemptKind.Retryable : PostAttemptKind.Rejected, PostAttempt.Truncate(body));
    }

    private static KinesisAnswer? Parse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, StreamsJsonContext.Default.KinesisAnswer);
        }
        catch (JsonException)
        {
            // Not Kinesis's JSON (an HTML error page, an empty body): the status alone decides.
            return null;
        }
    }

    /// <summary>The error code as AWS SDKs read <c>__type</c>: without a namespace (<c>…#</c>) or a trailing <c>:…</c>.</summary>
    private static string? ErrorCode(string? type)
    {
        if (string.IsNullOrEmpty(type))
        {
            return null;
        }

        var code = type[(type.LastIndexOf('#') + 1)..];
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? code[..colon] : code;
    }
}
