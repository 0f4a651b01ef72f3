using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PinterestPipeline.RestProxy.Gateway;
using PinterestPipeline.RestProxy.Idempotency;
using PinterestPipeline.RestProxy.Kafka;
using PinterestPipeline.RestProxy.Limits;
using PinterestPipeline.RestProxy.Protocol;
using PinterestPipeline.RestProxy.Telemetry;
using PinterestPipeline.RestProxy.Topics;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.RestProxy.Produce;

/// <summary>
/// <c>POST /topics/{topic}</c> and <c>POST /topics/{topic}/partitions/{partition}</c>. Checks run
/// cheapest first: media type, topic name, topic (from cached metadata), body size, body, partitions.
/// </summary>
public sealed class ProduceHandler(TopicMetadataCache topics, RecordProducer producer, IOptions<RestProxyOptions> options, ProducerLimits producerLimits, RestProxyMetrics metrics)
{
    private static readonly string SupportedTypes = $"{MediaTypes.Json} or {MediaTypes.Binary}";

    public async Task<IResult> HandleAsync(HttpContext context, string topic, string? partitionText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (FormatOf(context.Request.ContentType) is not EmbeddedFormat format)
        {
            return UnsupportedMediaType(context.Request.ContentType);
        }

        if (!TopicName.IsValid(topic))
        {
            return RestResults.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, $"Bad Request: invalid topic name; a topic name has {TopicName.Rule}.");
        }

        var idempotencyKey = IdempotencyKey.From(context.Request, out var keyError);
        if (keyError is not null)
        {
            return RestResults.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "Bad Request: " + keyError + ".");
        }

        int? pathPartition = null;
        if (partitionText is not null)
        {
            if (!int.TryParse(partitionText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return RestResults.PartitionNotFound();
            }

            pathPartition = parsed;
        }

        var lookup = await topics.FindAsync(topic, pathPartition, cancellationToken);
        if (lookup is { MetadataAvailable: true, Topic: null })
        {
            return RestResults.TopicNotFound();
        }

        if (lookup.Topic is not null && pathPartition >= lookup.Topic.Partitions.Count)
        {
            return RestResults.PartitionNotFound();
        }

        List<ProduceRecord> records;
        try
        {
            using var body = await RequestBody.ReadAsync(context, options.Value.MaxRequestBodyBytes, cancellationToken);
            records = ProduceRequestParser.Parse(body.Span, format, options.Value.MaxRecordsPerRequest, pathPartition is not null);
        }
        catch (RequestBodyException ex)
        {
            if (ex.IsOverBudget)
            {
                return Throttled.Topics(ex.Message);
            }

            return ex.IsTooLarge
                ? RestResults.Error(StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge, $"Request Entity Too Large: {ex.Message}; split the records over several requests.")
                : RestResults.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "Bad Request: " + ex.Message);
        }
        catch (ProduceRequestException ex)
        {
            return RestResults.Error(ex.StatusCode, ex.ErrorCode, ex.Message);
        }

        var highest = HighestPartition(records);
        if (highest is not null && lookup.Topic is not null && highest >= lookup.Topic.Partitions.Count)
        {
            lookup = await topics.FindAsync(topic, highest, cancellationToken);
            if (lookup.Topic is null || highest >= lookup.Topic.Partitions.Count)
            {
                return RestResults.PartitionNotFound();
            }
        }

        var oversized = OversizedRecords.Find(records, producerLimits.MessageMaxBytes);
        if (oversized is not null)
        {
            metrics.RecordsFailed(topic, ErrorCodes.KafkaError, records.Count - oversized.Fitting.Count);
        }

        if (oversized is { Fitting.Count: 0 })
        {
            return RestResults.Error(StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge,
                $"Request Entity Too Large: every record is larger than the producer's message.max.bytes ({producerLimits.MessageMaxBytes} bytes); nothing was produced.");
        }

        IdempotencyScope? idempotency = null;
        if (idempotencyKey is not null)
        {
            if (lookup.Topic is null)
            {
                return KeysUnavailable($"the cluster has not answered a metadata request, so topic {topic}'s idempotency keys cannot be checked; retry the request");
            }

            idempotency = new IdempotencyScope(idempotencyKey, lookup.Topic.Partitions.Count);
        }

        PartitionOffset[] offsets;
        try
        {
            offsets = await producer.ProduceAsync(topic, pathPartition, oversized?.Fitting ?? records, idempotency: idempotency, cancellationToken: cancellationToken);
        }
        catch (IdempotencyUnavailableException ex)
        {
            return KeysUnavailable(ex.Message);
        }
        catch (IdempotencyConflictException ex)
        {
            return RestResults.Error(StatusCodes.Status422UnprocessableEntity, ErrorCodes.UnprocessableEntity, "Unprocessable Entity: " + ex.Message + ".");
        }

        offsets = oversized?.Merge(offsets) ?? offsets;
        return TypedResults.Json(new ProduceResponse(offsets, null, null), RestProxyJsonContext.Api.ProduceResponse, MediaTypes.V2);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<ErrorResponse> KeysUnavailable(string reason) =>
        RestResults.Error(StatusCodes.Status503ServiceUnavailable, ErrorCodes.BrokerNotAvailable, "Service Unavailable: " + reason + ".");

    private static EmbeddedFormat? FormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return null;
        }

        var mediaType = parsed.MediaType.Value;
        return string.Equals(mediaType, MediaTypes.Json, StringComparison.OrdinalIgnoreCase) ? EmbeddedFormat.Json
            : string.Equals(mediaType, MediaTypes.Binary, StringComparison.OrdinalIgnoreCase) ? EmbeddedFormat.Binary
            : null;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<ErrorResponse> UnsupportedMediaType(string? contentType)
    {
        if (MediaTypeHeaderValue.TryParse(contentType, out var parsed) &&
            MediaTypes.SchemaRegistryTypes.Contains(parsed.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            return RestResults.Error(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                $"HTTP 415 Unsupported Media Type: {parsed.MediaType.Value} needs a schema registry, which this proxy does not have; use {SupportedTypes}.");
        }

        return RestResults.Error(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "HTTP 415 Unsupported Media Type");
    }

    private static int? HighestPartition(List<ProduceRecord> records)
    {
        int? highest = null;
        foreach (var record in records)
        {
            if (record.Partition > (highest ?? -1))
            {
                highest = record.Partition;
            }
        }

        return highest;
    }
}
