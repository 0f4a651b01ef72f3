using PinterestPipeline.ServiceDefaults.Streams;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// <c>GET /streams/{name}/sharditerator?shard-id=</c> (GetShardIterator, always <c>TRIM_HORIZON</c> as the
/// tutorial's template asks) and <c>GET /streams/{name}/records</c> with a <c>Shard-Iterator</c> header (GetRecords).
/// </summary>
public sealed class ReadHandler(StreamCatalog catalog, ShardReader reader, TimeProvider time)
{
    /// <summary>Kinesis's bound on a shard iterator's length.</summary>
    public const int MaxIteratorLength = 512;

    public async Task<IResult> GetShardIteratorAsync(string name, string? shardId, CancellationToken cancellationToken)
    {
        shardId ??= string.Empty;
        var validation = new KinesisValidation();
        validation.StreamNameOf(name);
        if (shardId.Length == 0)
        {
            validation.MinLength("shardId", shardId, 1);
        }
        else if (shardId.Length > StreamName.MaxLength)
        {
            validation.MaxLength("shardId", shardId, StreamName.MaxLength);
        }
        else if (!StreamName.MatchesPattern(shardId))
        {
            validation.Pattern("shardId", shardId, StreamName.Pattern);
        }

        validation.ThrowIfAny();

        var stream = await catalog.FindAsync(name, cancellationToken);
        if (!ShardId.TryParse(shardId, out var partition))
        {
            throw KinesisException.ResourceNotFound($"Could not find shard {shardId} in stream {name} under account {catalog.AccountId}.");
        }

        if (partition >= stream.Partitions.Count)
        {
            throw ShardMissing(shardId, name);
        }

        var iterator = new ShardIterator(name, partition, ShardIterator.TrimHorizon, time.GetUtcNow());
        return KinesisResults.Json(new GetShardIteratorResponse(iterator.Encode()), KinesisJsonContext.Api.GetShardIteratorResponse);
    }

    public async Task<IResult> GetRecordsAsync(string name, string? shardIterator, CancellationToken cancellationToken)
    {
        shardIterator ??= string.Empty;
        var validation = new KinesisValidation();
        if (shardIterator.Length == 0)
        {
            validation.MinLength("shardIterator", shardIterator, 1);
        }
        else if (shardIterator.Length > MaxIteratorLength)
        {
            validation.MaxLength("shardIterator", shardIterator, MaxIteratorLength);
        }

        validation.ThrowIfAny();

        var iterator = ShardIterator.Decode(shardIterator, name, time.GetUtcNow());
        var stream = await catalog.FindAsync(name, cancellationToken);
        if (iterator.Partition >= stream.Partitions.Count)
        {
            throw ShardMissing(ShardId.Format(iterator.Partition), name);
        }

        var page = await reader.ReadAsync(iterator, cancellationToken);
        return KinesisResults.Json(page, KinesisJsonContext.Api.GetRecordsResponse);
    }

    private KinesisException ShardMissing(string shardId, string name) =>
        KinesisException.ResourceNotFound($"Shard {shardId} in stream {name} under account {catalog.AccountId} does not exist");
}
