using System.Globalization;
using PinterestPipeline.RestProxy.Protocol;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.RestProxy.Produce;

/// <summary>
/// The records of a request that can never be produced because they are larger than the producer's
/// <c>message.max.bytes</c>: they are answered 50002 without reaching the producer, and the others are produced.
/// </summary>
public sealed class OversizedRecords
{
    /// <summary>
    /// librdkafka's largest per-record framing in the v2 record format (length, attributes, timestamp and offset
    /// deltas, key and value lengths, header count as varints): it refuses a record whose key, value, headers and
    /// this framing pass <c>message.max.bytes</c>. Headers are left out here, so a record this check passes may
    /// still be refused by librdkafka, never the other way round.
    /// </summary>
    public const int RecordFraming = 5 + 1 + 10 + 5 + 5 + 5 + 5;

    private readonly PartitionOffset?[] refused;

    private OversizedRecords(PartitionOffset?[] refused, List<ProduceRecord> fitting)
    {
        this.refused = refused;
        Fitting = fitting;
    }

    /// <summary>The records to produce, in request order.</summary>
    public List<ProduceRecord> Fitting { get; }

    /// <returns>Null when every record fits.</returns>
    public static OversizedRecords? Find(List<ProduceRecord> records, int messageMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(records);
        PartitionOffset?[]? refused = null;
        for (var i = 0; i < records.Count; i++)
        {
            var size = SizeOf(records[i]);
            if (size > messageMaxBytes)
            {
                refused ??= new PartitionOffset?[records.Count];
                refused[i] = new PartitionOffset(null, null, ErrorCodes.KafkaError, string.Create(CultureInfo.InvariantCulture,
                    $"Record too large: {size} bytes with its framing, over the producer's message.max.bytes of {messageMaxBytes}; it was not produced."));
            }
        }

        if (refused is null)
        {
            return null;
        }

        var fitting = new List<ProduceRecord>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            if (refused[i] is null)
            {
                fitting.Add(records[i]);
            }
        }

        return new OversizedRecords(refused, fitting);
    }

    public static long SizeOf(ProduceRecord record) => RecordFraming + (long)(record.Key?.Length ?? 0) + (record.Value?.Length ?? 0);

    /// <summary>The answers in request order: the refusals, and <paramref name="produced"/> (one per fitting record) between them.</summary>
    public PartitionOffset[] Merge(PartitionOffset[] produced)
    {
        ArgumentNullException.ThrowIfNull(produced);
        var results = new PartitionOffset[refused.Length];
        var next = 0;
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = refused[i] ?? produced[next++];
        }

        return results;
    }
}
