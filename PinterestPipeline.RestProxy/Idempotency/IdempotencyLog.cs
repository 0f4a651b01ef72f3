using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PinterestPipeline.RestProxy.Telemetry;

namespace PinterestPipeline.RestProxy.Idempotency;

/// <summary>
/// Reads the keys of keyed records back from the log into <see cref="IdempotencyKeys"/>, so that a retry is
/// recognised after this proxy restarted or when another proxy instance produced the original. A topic is read from
/// the first keyed request to it on: its last <see cref="RestProxyOptions.IdempotencyMaxKeys"/> records (shared out
/// over its partitions; those older than <see cref="RestProxyOptions.IdempotencyWindow"/> are skipped) up to the end,
/// before that request is answered, and then followed as it grows. Topics that never get a keyed request are never read.
/// </summary>
public sealed class IdempotencyLog(
    IConsumer<Ignore, Ignore> consumer, IdempotencyKeys keys, IOptions<RestProxyOptions> options, TimeProvider time, ILogger<IdempotencyLog> logger)
    : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly RestProxyOptions settings = options.Value;
    private readonly ConcurrentDictionary<string, Topic> topics = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Topic> toAssign = new();
    private readonly SemaphoreSlim wake = new(0);

    /// <summary>
    /// Returns once the keys of <paramref name="topic"/>'s <paramref name="partitions"/> partitions written before this
    /// call are known.
    /// </summary>
    /// <exception cref="IdempotencyUnavailableException">The log could not be read within the delivery timeout.</exception>
    public async Task EnsureReadAsync(string topic, int partitions, CancellationToken cancellationToken)
    {
        while (true)
        {
            var tracked = topics.GetOrAdd(topic, static (name, count) => new Topic(name, count), partitions);
            if (tracked.Partitions < partitions)
            {
                // Partitions were added since the topic was first read: read it again with all of them.
                var grown = new Topic(topic, partitions);
                if (!topics.TryUpdate(topic, grown, tracked))
                {
                    continue;
                }

                tracked = grown;
            }

            if (tracked.Read.Task.IsCompletedSuccessfully)
            {
                return;
            }

            // A topic is assigned once; later callers wait for the same read.
            if (Interlocked.Exchange(ref tracked.Queued, 1) == 0)
            {
                toAssign.Enqueue(tracked);
                wake.Release();
            }

            try
            {
                await tracked.Read.Task.WaitAsync(settings.DeliveryTimeout, time, cancellationToken);
                return;
            }
            catch (TimeoutException)
            {
                throw new IdempotencyUnavailableException(
                    $"the idempotency keys of topic {topic} could not be read from the cluster within {settings.DeliveryTimeout.TotalSeconds:0.#} s; retry the request");
            }
            catch (KafkaException ex)
            {
                topics.TryRemove(new KeyValuePair<string, Topic>(topic, tracked));
                throw new IdempotencyUnavailableException(
                    $"the idempotency keys of topic {topic} could not be read from the cluster ({ex.Error.Reason}); retry the request");
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    private void Run(CancellationToken stoppingToken)
    {
        var reading = new Dictionary<TopicPartition, Partition>();
        while (!stoppingToken.IsCancellationRequested)
        {
            while (toAssign.TryDequeue(out var topic))
            {
                Assign(topic, reading);
            }

            if (reading.Count == 0)
            {
                try
                {
                    wake.Wait(Timeout.Infinite, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            ConsumeResult<Ignore, Ignore>? result;
            try
            {
                result = consumer.Consume(PollInterval);
            }
            catch (ConsumeException ex)
            {
                IdempotencyLogMessages.ReadFailed(logger, ex.ConsumerRecord?.Topic ?? "?", ex.Error.Reason);
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (result is null || !reading.TryGetValue(result.TopicPartition, out var state))
            {
                continue;
            }

            if (!result.IsPartitionEOF &&
                result.Message.Timestamp.UtcDateTime >= time.GetUtcNow().UtcDateTime - settings.IdempotencyWindow &&
                IdempotencyKey.TryRead(result.Message.Headers, out var key, out var index, out var count))
            {
                keys.Learn(result.Topic, key, index, count, result.Partition.Value, result.Offset.Value);
            }

            var next = result.IsPartitionEOF ? result.Offset.Value : result.Offset.Value + 1;
            if (!state.Reached && next >= state.End)
            {
                state.Reached = true;
                state.Owner.PartitionReached();
            }
        }
    }

    /// <summary>Assigns the topic's partitions from the start of the window; the topic is read when each reaches today's end.</summary>
    private void Assign(Topic topic, Dictionary<TopicPartition, Partition> reading)
    {
        try
        {
            var partitions = Enumerable.Range(0, topic.Partitions).Select(p => new TopicPartition(topic.Name, p)).ToList();
            // Not OffsetsForTimes: librdkafka's mock cluster answers it with the end of the partition. The records
            // before the window are skipped as they are read.
            var perPartition = (settings.IdempotencyMaxKeys + topic.Partitions - 1) / topic.Partitions;
            var assign = new List<TopicPartitionOffset>();
            // Applied only once every query and the assignment succeeded, so a failure leaves nothing half-followed.
            var states = new List<(TopicPartition Partition, Partition State)>();
            var pending = 0;
            long toRead = 0;
            foreach (var partition in partitions)
            {
                var ends = consumer.QueryWatermarkOffsets(partition, settings.MetadataTimeout);
                var from = Math.Max(ends.Low.Value, ends.High.Value - perPartition);
                if (reading.TryGetValue(partition, out var followed))
                {
                    // Already followed (the topic grew): it is read on from where it is; wait only for its first end.
                    if (!followed.Reached && !ReferenceEquals(followed.Owner, topic))
                    {
                        states.Add((partition, new Partition(topic, followed.End)));
                        pending++;
                    }

                    continue;
                }

                toRead += ends.High.Value - from;
                var state = new Partition(topic, ends.High.Value) { Reached = from >= ends.High.Value };
                pending += state.Reached ? 0 : 1;
                states.Add((partition, state));
                assign.Add(new TopicPartitionOffset(partition, new Offset(from)));
            }

            if (assign.Count > 0)
            {
                consumer.IncrementalAssign(assign);
            }

            foreach (var (partition, state) in states)
            {
                reading[partition] = state;
            }

            IdempotencyLogMessages.Reading(logger, topic.Name, toRead, topic.Partitions);
            topic.Start(pending);
        }
        catch (KafkaException ex)
        {
            IdempotencyLogMessages.ReadFailed(logger, topic.Name, ex.Error.Reason);
            topic.Read.TrySetException(ex);
        }
    }

    private sealed class Topic(string name, int partitions)
    {
        private int pending;

        public string Name { get; } = name;

        public int Partitions { get; } = partitions;

        public TaskCompletionSource Read { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Queued;

        public void Start(int pendingPartitions)
        {
            if (Interlocked.Add(ref pending, pendingPartitions) <= 0)
            {
                Read.TrySetResult();
            }
        }

        public void PartitionReached()
        {
            if (Interlocked.Decrement(ref pending) <= 0)
            {
                Read.TrySetResult();
            }
        }
    }

    private sealed class Partition(Topic owner, long end)
    {
        public Topic Owner { get; } = owner;

        public long End { get; } = end;

        public bool Reached { get; set; }
    }
}

/// <summary>A keyed request that cannot be checked against the keys in the log (the cluster does not answer).</summary>
public sealed class IdempotencyUnavailableException(string message) : Exception(message);

internal static partial class IdempotencyLogMessages
{
    [LoggerMessage(20, LogLevel.Warning, "Reading idempotency keys of topic {Topic} failed: {Reason}")]
    public static partial void ReadFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(21, LogLevel.Information, "Reading idempotency keys of topic {Topic}: the last {Records} records of its {Partitions} partitions, then following it")]
    public static partial void Reading(ILogger logger, string topic, long records, int partitions);
}
