using Microsoft.AspNetCore.Mvc;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// The AWS tutorial's Kinesis proxy ("Create a REST API as an Amazon Kinesis proxy"): eight methods, each
/// standing for the Kinesis action its integration calls, with Kinesis's bodies as API Gateway passes them through.
/// </summary>
public static class StreamsEndpoints
{
    public const string ShardIteratorHeader = "Shard-Iterator";

    public static IEndpointRouteBuilder MapStreamsEndpoints(this IEndpointRouteBuilder streams)
    {
        streams.MapGet("", (CatalogHandler handler, CancellationToken cancellationToken) => handler.ListAsync(cancellationToken))
            .WithName("ListStreams")
            .WithSummary("ListStreams: the streams (topics named by RestProxy:Streams:TopicPrefix)")
            .WithKinesisResponses<ListStreamsResponse>();

        streams.MapGet("/{name}", (string name, CatalogHandler handler, CancellationToken cancellationToken) => handler.DescribeAsync(name, cancellationToken))
            .WithName("DescribeStream")
            .WithSummary("DescribeStream: the stream's shards and their hash key ranges")
            .WithKinesisResponses<DescribeStreamResponse>();

        streams.MapPost("/{name}", (HttpContext context, string name, CatalogHandler handler, CancellationToken cancellationToken) => handler.CreateAsync(context, name, cancellationToken))
            .WithName("CreateStream")
            .WithSummary("CreateStream: a topic with {\"ShardCount\": n} partitions (default 5), where the cluster supports CreateTopics")
            .WithKinesisErrors()
            .Produces(StatusCodes.Status200OK);

        streams.MapDelete("/{name}", (string name, CatalogHandler handler, CancellationToken cancellationToken) => handler.DeleteAsync(name, cancellationToken))
            .WithName("DeleteStream")
            .WithSummary("DeleteStream: deletes the topic, where the cluster supports DeleteTopics")
            .WithKinesisErrors()
            .Produces(StatusCodes.Status200OK);

        streams.MapPut("/{name}/record", (HttpContext context, string name, PutHandler handler, CancellationToken cancellationToken) => handler.PutRecordAsync(context, name, cancellationToken))
            .WithName("PutRecord")
            .WithSummary("PutRecord: {\"Data\": <any JSON>, \"PartitionKey\": \"...\"}; the record is the JSON text of Data")
            .WithKinesisResponses<PutRecordResponse>();

        streams.MapPut("/{name}/records", (HttpContext context, string name, PutHandler handler, CancellationToken cancellationToken) => handler.PutRecordsAsync(context, name, cancellationToken))
            .WithName("PutRecords")
            .WithSummary("PutRecords: {\"records\": [{\"data\": \"...\", \"partition-key\": \"...\"}]}, up to 500")
            .WithKinesisResponses<PutRecordsResponse>();

        streams.MapGet("/{name}/sharditerator", (string name, [FromQuery(Name = "shard-id")] string? shardId, ReadHandler handler, CancellationToken cancellationToken) =>
                handler.GetShardIteratorAsync(name, shardId, cancellationToken))
            .WithName("GetShardIterator")
            .WithSummary("GetShardIterator: a TRIM_HORIZON iterator for ?shard-id=shardId-000000000000")
            .WithKinesisResponses<GetShardIteratorResponse>();

        streams.MapGet("/{name}/records", (string name, [FromHeader(Name = ShardIteratorHeader)] string? shardIterator, ReadHandler handler, CancellationToken cancellationToken) =>
                handler.GetRecordsAsync(name, shardIterator, cancellationToken))
            .WithName("GetRecords")
            .WithSummary("GetRecords: the records from the Shard-Iterator header's position, and the next iterator")
            .WithKinesisResponses<GetRecordsResponse>();

        return streams;
    }

    private static RouteHandlerBuilder WithKinesisResponses<T>(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<T>(StatusCodes.Status200OK, KinesisResults.ContentType)
        .WithKinesisErrors();

    private static RouteHandlerBuilder WithKinesisErrors(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<KinesisErrorResponse>(StatusCodes.Status400BadRequest, KinesisResults.ContentType)
        .Produces<KinesisErrorResponse>(StatusCodes.Status500InternalServerError, KinesisResults.ContentType);
}
