using System.Text;
using Microsoft.Extensions.Options;
using PinterestPipeline.RestProxy.Gateway;
using PinterestPipeline.RestProxy.Idempotency;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// <c>PUT /streams/{name}/record</c> (PutRecord) and <c>PUT /streams/{name}/records</c> (PutRecords). As in
/// Kinesis, a request is validated whole before anything is stored: one violation (an oversized record, a
/// missing partition key, more than 500 records) refuses it all with a ValidationException.
/// </summary>
public sealed class PutHandler(StreamCatalog catalog, ShardWriter writer, IOptions<RestProxyOptions> options)
{
    /// <summary>Kinesis's default maximum record size: the data blob, 1 MiB.</summary>
    public const int MaxDataBytes = 1024 * 1024;

    public const int MaxRecordsPerRequest = 500;

    /// <summary>Kinesis's limit for a whole PutRecords request: 5 MiB of data and partition keys (UTF-8).</summary>
    public const long MaxRecordsBytes = 5L * 1024 * 1024;

    public async Task<IResult> PutRecordAsync(HttpContext context, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!StreamsContentType.IsJson(context.Request.ContentType))
        {
            return GatewayError.UnsupportedMediaType;
        }

        var idempotencyKey = KeyOf(context.Request);
        StreamRecord record;
        using (var body = await RequestBody.ReadAsync(context, options.Value.MaxRequestBodyBytes, cancellationToken))
        {
            record = StreamRequestParser.ParseRecord(body.Span);
        }

        var validation = new KinesisValidation();
        validation.StreamNameOf(name);
        validation.Record(record, "data", "partitionKey", MaxDataBytes);
        validation.ThrowIfAny();

        var stream = await catalog.FindAsync(name, cancellationToken);
        var result = (await writer.PutAsync(stream, [record], idempotencyKey, cancellationToken))[0];
        if (result.Failed)
        {
            throw KinesisException.InternalFailure(result.ErrorMessage!);
        }

        return KinesisResults.Json(new PutRecordResponse(result.SequenceNumber!, result.ShardId!), KinesisJsonContext.Api.PutRecordResponse);
    }

    public async Task<IResult> PutRecordsAsync(HttpContext context, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var base64Data = StreamsContentType.IsAmzJson(context.Request.ContentType);
        if (!base64Data && !StreamsContentType.IsJson(context.Request.ContentType))
        {
            return GatewayError.UnsupportedMediaType;
        }

        var idempotencyKey = KeyOf(context.Request);
        List<StreamRecord> records;
        using (var body = await RequestBody.ReadAsync(context, options.Value.MaxRequestBodyBytes, cancellationToken))
        {
            records = StreamRequestParser.ParseRecords(body.Span, base64Data);
        }

        var validation = new KinesisValidation();
        if (records.Count == 0)
        {
            validation.MinCount("records", records.Count, 1);
        }
        else if (records.Count > MaxRecordsPerRequest)
        {
            validation.MaxCount("records", records.Count, MaxRecordsPerRequest);
        }

        for (var i = 0; i < records.Count && records.Count <= MaxRecordsPerRequest; i++)
        {
            // Kinesis numbers list members from 1 in its messages.
            validation.Record(records[i], $"records.{i + 1}.member.data", $"records.{i + 1}.member.partitionKey", MaxDataBytes);
        }

        validation.StreamNameOf(name);
        validation.ThrowIfAny();

        // Each record is valid by now; Kinesis then refuses a request whose records add up to more than 5 MiB.
        if (records.Sum(r => (long)r.Data!.Length + Encoding.UTF8.GetByteCount(r.PartitionKey!)) > MaxRecordsBytes)
        {
            throw KinesisException.InvalidArgument("Records size exceeds 5 MB limit");
        }

        var stream = await catalog.FindAsync(name, cancellationToken);
        var results = await writer.PutAsync(stream, records, idempotencyKey, cancellationToken);
        return KinesisResults.Json(new PutRecordsResponse(results.Count(r => r.Failed), results), KinesisJsonContext.Api.PutRecordsResponse);
    }

    /// <exception cref="KinesisException">InvalidArgument for a malformed <c>Idempotency-Key</c>.</exception>
    private static string? KeyOf(HttpRequest request)
    {
        var key = IdempotencyKey.From(request, out var error);
        return error is null ? key : throw KinesisException.InvalidArgument(error);
    }
}
