using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PinterestPipeline.RestProxy.Telemetry;

namespace PinterestPipeline.RestProxy.Produce;

/// <summary>Sends a request's records through the shared producer and waits for the broker's answers.</summary>
public sealed class RecordProducer(IProducer<byte[]?, byte[]?> producer, RestProxyMetrics metrics, IOptions<RestProxyOptions> options, TimeProvider time)
{
    /// <summary>Slack past the delivery timeout before a missing delivery report is given up on.</summary>
    private static readonly TimeSpan ReportGrace = TimeSpan.FromSeconds(5);

    /// <param name="topic">An existing topic.</param>
    /// <param name="pathPartition">The partition of <c>/topics/{t}/partitions/{p}</c>, which wins over the records' own.</param>
    /// <param name="records">The records, at least one.</param>
    /// <param name="operationName">The API's name for the operation, which names the producer span (<c>send</c>, <c>put</c>).</param>
    /// <param name="timestamp">The records' timestamp; by default librdkafka stamps them when they are produced.</param>
    /// <returns>One result per record, in request order.</returns>
    public async Task<PartitionOffset[]> ProduceAsync(
        string topic, int? pathPartition, IReadOnlyList<ProduceRecord> records, string operationName = "send", DateTimeOffset? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var activity = KafkaTracing.StartProduceBatch(topic, records.Count, out var headers, operationName);
        var started = time.GetTimestamp();
        var batch = new ProduceBatch(records.Count);
        var messageTimestamp = timestamp is { } stamp ? new Timestamp(stamp) : default;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var message = new Message<byte[]?, byte[]?> { Key = record.Key, Value = record.Value, Headers = headers, Timestamp = messageTimestamp };
            try
            {
                if ((pathPartition ?? record.Partition) is int partition)
                {
                    producer.Produce(new TopicPartition(topic, new Partition(partition)), message, batch.HandlerFor(i));
                }
                else
                {
                    producer.Produce(topic, message, batch.HandlerFor(i));
                }
            }
            catch (KafkaException ex)
            {
                batch.Fail(i, ex.Error);
            }
        }

        var results = await batch.WaitAsync(options.Value.DeliveryTimeout + ReportGrace, time);
        metrics.ProduceCompleted(topic, time.GetElapsedTime(started));
        Count(topic, results, activity);
        return results;
    }

    private void Count(string topic, PartitionOffset[] results, Activity? activity)
    {
        var produced = 0;
        foreach (var result in results)
        {
            if (result.ErrorCode is int errorCode)
            {
                metrics.RecordsFailed(topic, errorCode, 1);
                activity?.SetStatus(ActivityStatusCode.Error, result.Error);
            }
            else
            {
                produced++;
            }
        }

        if (produced > 0)
        {
            metrics.RecordsProduced(topic, produced);
        }
    }
}
