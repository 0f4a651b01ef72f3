using Microsoft.Extensions.Options;
using PinterestPipeline.RestProxy.Gateway;
using PinterestPipeline.RestProxy.Topics;
using PinterestPipeline.ServiceDefaults.Streams;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// <c>GET /streams</c> (ListStreams), <c>GET /streams/{name}</c> (DescribeStream), <c>POST</c> (CreateStream)
/// and <c>DELETE /streams/{name}</c> (DeleteStream).
/// </summary>
public sealed class CatalogHandler(StreamCatalog catalog, StreamAdmin admin, IOptions<RestProxyOptions> proxyOptions, IOptions<StreamsOptions> streamsOptions)
{
    /// <summary>Kinesis's default page of ListStreams and DescribeStream; the tutorial's templates ask for no other.</summary>
    public const int PageSize = 100;

    /// <summary>The tutorial's template default when the body names no <c>ShardCount</c>.</summary>
    public const int DefaultShardCount = 5;

    /// <summary>Kinesis's default shard quota per account in the larger regions.</summary>
    public const int MaxShardCount = 500;

    private const string Active = "ACTIVE";

    private static readonly StreamModeDetails Provisioned = new("PROVISIONED");

    public async Task<IResult> ListAsync(CancellationToken cancellationToken)
    {
        var streams = await catalog.ListAsync(cancellationToken);
        var page = streams.Take(PageSize).ToArray();
        var response = new ListStreamsResponse(
            streams.Count > PageSize,
            [.. page.Select(s => s.Name)],
            [.. page.Select(s => new StreamSummary(s.Name, catalog.Arn(s.Name), Active, Provisioned))]);
        return KinesisResults.Json(response, KinesisJsonContext.Api.ListStreamsResponse);
    }

    public async Task<IResult> DescribeAsync(string name, CancellationToken cancellationToken)
    {
        var validation = new KinesisValidation();
        validation.StreamNameOf(name);
        validation.ThrowIfAny();

        var stream = await catalog.FindAsync(name, cancellationToken);
        var description = new StreamDescription(
            name,
            catalog.Arn(name),
            Active,
            Provisioned,
            [.. stream.Partitions.Take(PageSize).Select(p => Describe(p, stream.Partitions.Count))],
            stream.Partitions.Count > PageSize,
            [new EnhancedMetrics([])],
            "NONE");
        return KinesisResults.Json(new DescribeStreamResponse(description), KinesisJsonContext.Api.DescribeStreamResponse);
    }

    public async Task<IResult> CreateAsync(HttpContext context, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!StreamsContentType.IsJson(context.Request.ContentType))
        {
            return GatewayError.UnsupportedMediaType;
        }

        long shardCount;
        using (var body = await RequestBody.ReadAsync(context, proxyOptions.Value.MaxRequestBodyBytes, cancellationToken))
        {
            shardCount = StreamRequestParser.ParseShardCount(body.Span) ?? DefaultShardCount;
        }

        var validation = new KinesisValidation();
        validation.StreamNameOf(name);
        if (shardCount < 1)
        {
            validation.MinValue("shardCount", shardCount, 1);
        }

        validation.ThrowIfAny();
        if (shardCount > MaxShardCount)
        {
            throw KinesisException.LimitExceeded($"This request would exceed the shard limit for the account {catalog.AccountId}: at most {MaxShardCount} shards.");
        }

        if (!catalog.IsStream(name))
        {
            throw KinesisException.InvalidArgument(
                $"Stream {name} cannot be created here: this proxy serves the topics whose names start with '{streamsOptions.Value.TopicPrefix}' as streams (RestProxy:Streams:TopicPrefix).");
        }

        if (await ExistsAsync(name, cancellationToken))
        {
            throw KinesisException.ResourceInUse($"Stream {name} under account {catalog.AccountId} already exists.");
        }

        await admin.CreateAsync(name, (int)shardCount, cancellationToken);
        return KinesisResults.Empty();
    }

    public async Task<IResult> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var validation = new KinesisValidation();
        validation.StreamNameOf(name);
        validation.ThrowIfAny();

        await catalog.FindAsync(name, cancellationToken);
        await admin.DeleteAsync(name, cancellationToken);
        return KinesisResults.Empty();
    }

    private async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await catalog.FindAsync(name, cancellationToken);
            return true;
        }
        catch (KinesisException ex) when (ex.ErrorType == "ResourceNotFoundException")
        {
            return false;
        }
    }

    private static Shard Describe(PartitionDescription partition, int shardCount)
    {
        var (start, end) = HashKeyPartitioner.RangeOf(partition.Partition, shardCount);
        return new Shard(
            ShardId.Format(partition.Partition),
            new HashKeyRange(start.ToString(System.Globalization.CultureInfo.InvariantCulture), end.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new SequenceNumberRange(SequenceNumber.Format(partition.Partition, 0)));
    }
}
