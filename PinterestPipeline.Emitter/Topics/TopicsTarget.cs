using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PinterestPipeline.Emitter.Configuration;
using PinterestPipeline.Emitter.Posting;
using PinterestPipeline.Emitter.Source;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Emitter.Topics;

/// <summary>
/// The REST Proxy v2 produce API behind API Gateway's <c>/{proxy+}</c>: <c>POST &lt;ApiBaseUrl&gt;/topics/&lt;topic&gt;</c>
/// with <c>{"records":[{"value":&lt;row&gt;}]}</c>, the body the course's batch script posted.
/// </summary>
public sealed class TopicsTarget : IPostTarget
{
    private readonly string baseUrl;
    private readonly string prefix;

    public TopicsTarget(IOptions<EmitterOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        baseUrl = (options.Value.ApiBaseUrl ?? string.Empty).TrimEnd('/');
        prefix = options.Value.TopicPrefix ?? string.Empty;
    }

    public string Description => $"topics {prefix}.pin|geo|user";

    public HttpMethod Method => HttpMethod.Post;

    public MediaTypeHeaderValue ContentType { get; } = new(MediaTypes.Json);

    public string DestinationFor(SourceTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.TopicFor(prefix);
    }

    public Uri UriFor(string destination) => new($"{baseUrl}/topics/{Uri.EscapeDataString(destination)}");

    public IRowJsonWriter CreateRowWriter() => new CompactRowJsonWriter();

    public byte[] Body(SourceRow row, string destination)
    {
        ArgumentNullException.ThrowIfNull(row);
        var buffer = new ArrayBufferWriter<byte>(row.Json.Length + 32);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("records");
            writer.WriteStartObject();
            writer.WritePropertyName("value");
            writer.WriteRawValue(row.Json.Span, skipInputValidation: true);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>408, 429 and 5xx are retriable, other statuses not; a 200 can still carry a record error, 5000x retriable.</summary>
    public PostAttempt Classify(HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return ClassifyRecords(code, body);
        }

        var kind = status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || code >= 500
            ? PostAttemptKind.Retryable
            : PostAttemptKind.Rejected;
        return new PostAttempt(code, kind, PostAttempt.Truncate(body));
    }

    private static PostAttempt ClassifyRecords(int code, string body)
    {
        ProduceResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(body, TopicsJsonContext.Default.ProduceResponse);
        }
        catch (JsonException)
        {
            // A 2xx means the request was taken; only a readable per-record error can say otherwise.
            return new PostAttempt(code, PostAttemptKind.Ok, null);
        }

        var failed = response?.Offsets?.FirstOrDefault(o => o.ErrorCode is not null);
        if (failed is null)
        {
            var position = response?.Offsets is [{ Partition: { } partition, Offset: { } offset }, ..]
                ? new RecordPosition(partition.ToString(CultureInfo.InvariantCulture), offset.ToString(CultureInfo.InvariantCulture))
                : null;
            return new PostAttempt(code, PostAttemptKind.Ok, null, position);
        }

        var detail = PostAttempt.Truncate($"error_code {failed.ErrorCode}: {failed.Error}");
        return failed.ErrorCode is >= 50000 and <= 50009
            ? new PostAttempt(code, PostAttemptKind.Retryable, detail)
            : new PostAttempt(code, PostAttemptKind.Rejected, detail);
    }
}
