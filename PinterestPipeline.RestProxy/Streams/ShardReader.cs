using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PinterestPipeline.ServiceDefaults.Streams;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// GetRecords on Kafka: reads one partition from an offset with a consumer that is assigned, never
/// subscribed (no consumer group, no commits), so a read leaves no trace on the cluster.
/// </summary>
public sealed class ShardReader(IConsumer<byte[]?, byte[]?> consumer, IOptions<StreamsOptions> options, TimeProvider time) : IDisposable
{
    /// <summary>Kinesis's bound on the data one GetRecords returns.</summary>
    public const int MaxPageBytes = 10 * 1024 * 1024;

    private readonly StreamsOptions settings = options.Value;

    /// <summary>The one consumer is reassigned per read, so reads take turns.</summary>
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <param name="iterator">Where to read.</param>
    /// <param name="cancellationToken">Stops waiting for a turn.</param>
    /// <exception cref="KinesisException">InternalFailure when the broker does not answer.</exception>
    public async Task<GetRecordsResponse> ReadAsync(ShardIterator iterator, CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Read(iterator), CancellationToken.None);
        }
        finally
        {
            turn.Release();
        }
    }

    public void Dispose() => turn.Dispose();

    private GetRecordsResponse Read(ShardIterator iterator)
    {
        var partition = new TopicPartition(iterator.Stream, iterator.Partition);
        var deadline = time.GetUtcNow() + settings.ReadTimeout;
        WatermarkOffsets watermarks;
        try
        {
            watermarks = consumer.QueryWatermarkOffsets(partition, settings.ReadTimeout);
        }
        catch (KafkaException ex)
        {
            throw KinesisException.InternalFailure("The Kafka broker did not answer a ListOffsets request: " + ex.Error.Reason);
        }

        // Records below the low watermark are gone (retention), as records past a Kinesis trim horizon are.
        var start = iterator.Offset == ShardIterator.TrimHorizon || iterator.Offset < watermarks.Low ? watermarks.Low.Value : iterator.Offset;
        var records = new List<StreamRecordResponse>();
        long lastTimestamp = 0;
        var next = start;
        if (start < watermarks.High)
        {
            var wanted = (int)Math.Min(settings.GetRecordsLimit, watermarks.High - start);
            consumer.Assign(new TopicPartitionOffset(partition, new Offset(start)));
            try
            {
                var bytes = 0L;
                while (records.Count < wanted)
                {
                    var remaining = deadline - time.GetUtcNow();
                    if (remaining <= TimeSpan.Zero)
                    {
                        break;
                    }

                    ConsumeResult<byte[]?, byte[]?>? result;
                    try
                    {
                        result = consumer.Consume(remaining);
                    }
                    catch (ConsumeException ex)
                    {
                        throw KinesisException.InternalFailure("The Kafka broker did not return the records: " + ex.Error.Reason);
                    }

                    if (result is null || result.IsPartitionEOF)
                    {
                        break;
                    }

                    if (result.TopicPartition != partition || result.Offset.Value < next)
                    {
                        // A record fetched for an earlier assignment; librdkafka drops those, this makes sure.
                        continue;
                    }

                    var data = result.Message.Value ?? [];
                    if (records.Count > 0 && bytes + data.Length > MaxPageBytes)
                    {
                        break;
                    }

                    bytes += data.Length;
                    lastTimestamp = result.Message.Timestamp.UnixTimestampMs;
                    next = result.Offset.Value + 1;
                    records.Add(new StreamRecordResponse(
                        SequenceNumber.Format(iterator.Partition, result.Offset.Value),
                        lastTimestamp / 1000.0,
                        data,
                        result.Message.Key is { } key ? Encoding.UTF8.GetString(key) : string.Empty));
                }
            }
            finally
            {
                consumer.Unassign();
            }

            if (records.Count == 0)
            {
                throw KinesisException.InternalFailure($"The Kafka broker did not return records of {iterator.Stream}[{iterator.Partition}] from offset {start} within {settings.ReadTimeout.TotalSeconds:0.#} s.");
            }
        }

        var now = time.GetUtcNow();
        var behind = next >= watermarks.High ? 0 : Math.Max(0, now.ToUnixTimeMilliseconds() - lastTimestamp);
        var nextIterator = iterator with { Offset = next, IssuedAt = now };
        return new GetRecordsResponse(records, nextIterator.Encode(), behind);
    }
}
