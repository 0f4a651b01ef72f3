using System.Text;
using PinterestPipeline.RestProxy.Idempotency;
using PinterestPipeline.RestProxy.Produce;
using PinterestPipeline.RestProxy.Topics;
using PinterestPipeline.ServiceDefaults.Pipeline;
using PinterestPipeline.ServiceDefaults.Streams;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// PutRecord(s) on Kafka: each record goes to the partition its partition key hashes to, keyed by the
/// partition key's UTF-8 bytes, stamped with its arrival time, and is answered only once the broker has
/// acknowledged it.
/// </summary>
public sealed class ShardWriter(RecordProducer producer, TimeProvider time)
{
    /// <param name="stream">The stream's topic.</param>
    /// <param name="records">Validated records: data and partition key present.</param>
    /// <param name="idempotencyKey">The request's <c>Idempotency-Key</c>: a repeated key is answered with the first results.</param>
    /// <param name="cancellationToken">Stops waiting for the keys in the log or for the same key's request in flight.</param>
    /// <returns>One entry per record, in request order.</returns>
    /// <exception cref="KinesisException">Keyed: InternalFailure when the keys in the log cannot be read, InvalidArgument for a key reused with other records.</exception>
    public async Task<PutRecordsResultEntry[]> PutAsync(TopicDescription stream, IReadOnlyList<StreamRecord> records, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(records);
        var arrival = time.GetUtcNow();
        var shards = stream.Partitions.Count;
        var produce = new ProduceRecord[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var key = records[i].PartitionKey!;
            produce[i] = new ProduceRecord(Encoding.UTF8.GetBytes(key), records[i].Data!, HashKeyPartitioner.ShardFor(key, shards));
        }

        PartitionOffset[] offsets;
        try
        {
            var scope = idempotencyKey is null ? (IdempotencyScope?)null : new IdempotencyScope(idempotencyKey, shards);
            offsets = await producer.ProduceAsync(stream.Name, null, produce, "put", arrival, scope, cancellationToken);
        }
        catch (IdempotencyUnavailableException ex)
        {
            throw KinesisException.InternalFailure(ex.Message);
        }
        catch (IdempotencyConflictException ex)
        {
            throw KinesisException.InvalidArgument(ex.Message);
        }

        var results = new PutRecordsResultEntry[offsets.Length];
        for (var i = 0; i < offsets.Length; i++)
        {
            results[i] = offsets[i] is { Partition: int partition, Offset: long offset }
                ? new PutRecordsResultEntry(SequenceNumber.Format(partition, offset), ShardId.Format(partition), null, null)
                : new PutRecordsResultEntry(null, null, KinesisException.InternalFailureType, "The Kafka broker did not acknowledge the record: " + offsets[i].Error);
        }

        return results;
    }
}
