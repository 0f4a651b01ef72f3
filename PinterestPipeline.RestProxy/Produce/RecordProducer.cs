using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PinterestPipeline.RestProxy.Idempotency;
using PinterestPipeline.RestProxy.Telemetry;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.RestProxy.Produce;

/// <summary>Sends a request's records through the shared producer and waits for the broker's answers.</summary>
public sealed class RecordProducer(
    IProducer<byte[]?, byte[]?> producer, IdempotencyKeys keys, IdempotencyLog keyLog, RestProxyMetrics metrics, IOptions<RestProxyOptions> options, TimeProvider time)
{
    /// <summary>Slack past the delivery timeout before a missing delivery report is given up on.</summary>
    private static readonly TimeSpan ReportGrace = TimeSpan.FromSeconds(5);

    /// <param name="topic">An existing topic.</param>
    /// <param name="pathPartition">The partition of <c>/topics/{t}/partitions/{p}</c>, which wins over the records' own.</param>
    /// <param name="records">The records, at least one.</param>
    /// <param name="operationName">The API's name for the operation, which names the producer span (<c>send</c>, <c>put</c>).</param>
    /// <param name="timestamp">The records' timestamp; by default librdkafka stamps them when they are produced.</param>
    /// <param name="idempotency">
    /// The request's <c>Idempotency-Key</c> and the topic's partition count: a key already produced is answered with its
    /// first results instead of being produced again.
    /// </param>
    /// <returns>One result per record, in request order.</returns>
    /// <exception cref="IdempotencyUnavailableException">Keyed: the keys already in the log could not be read.</exception>
    /// <exception cref="IdempotencyConflictException">Keyed: the key was used for a request with another number of records.</exception>
    public async Task<PartitionOffset[]> ProduceAsync(
        string topic, int? pathPartition, IReadOnlyList<ProduceRecord> records, string operationName = "send", DateTimeOffset? timestamp = null,
        IdempotencyScope? idempotency = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (idempotency is not { } scope)
        {
            return await ProduceOnceAsync(topic, pathPartition, records, operationName, timestamp, null);
        }

        await keyLog.EnsureReadAsync(topic, scope.Partitions, cancellationToken);
        while (true)
        {
            var claim = keys.Begin(topic, scope.Key, records.Count);
            switch (claim.Kind)
            {
                case IdempotencyKeys.ClaimKind.Replay:
                    metrics.RecordsReplayed(topic, records.Count);
                    return claim.Results!;
                case IdempotencyKeys.ClaimKind.Wait:
                    await claim.InFlight!.WaitAsync(cancellationToken);
                    continue;
                case IdempotencyKeys.ClaimKind.Conflict:
                    throw new IdempotencyConflictException(scope.Key, claim.Count, records.Count);
            }

            try
            {
                var results = await ProduceOnceAsync(topic, pathPartition, records, operationName, timestamp, scope.Key);
                keys.Complete(topic, scope.Key, claim, results);
                return results;
            }
            catch
            {
                keys.Abandon(topic, scope.Key, claim);
                throw;
            }
        }
    }

    private async Task<PartitionOffset[]> ProduceOnceAsync(
        string topic, int? pathPartition, IReadOnlyList<ProduceRecord> records, string operationName, DateTimeOffset? timestamp, string? idempotencyKey)
    {
        using var activity = KafkaTracing.StartProduceBatch(topic, records.Count, out var headers, operationName);
        var started = time.GetTimestamp();
        var batch = new ProduceBatch(records.Count);
        var messageTimestamp = timestamp is { } stamp ? new Timestamp(stamp) : default;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var message = new Message<byte[]?, byte[]?>
            {
                Key = record.Key,
                Value = record.Value,
                Headers = idempotencyKey is null ? headers : IdempotencyKey.Stamp(headers, idempotencyKey, i, records.Count),
                Timestamp = messageTimestamp,
            };
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
