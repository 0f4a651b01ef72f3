using System.Text;
using PinterestPipeline.RestProxy.Produce;
using PinterestPipeline.RestProxy.Topics;
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
    /// <returns>One entry per record, in request order.</returns>
    public async Task<PutRecordsResultEntry[]> PutAsync(TopicDescription stream, IReadOnlyList<StreamRecord> records)
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

        var offsets = await producer.ProduceAsync(stream.Name, null, produce, "put", arrival);
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
