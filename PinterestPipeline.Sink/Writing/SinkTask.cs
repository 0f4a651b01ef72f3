using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PinterestPipeline.Sink.Configuration;
using PinterestPipeline.Sink.Storage;
using PinterestPipeline.Sink.Telemetry;

namespace PinterestPipeline.Sink.Writing;

/// <summary>
/// The connector task: buffers records per partition, writes an object when it is full (or has been open
/// for <c>rotate.interval.ms</c>) and commits only offsets whose records are durably in the bucket.
/// Object boundaries depend only on the log and the committed offset a partition restarts from, so a
/// record written again after a crash or a rebalance lands under the same key with the same bytes.
/// Everything here runs on the consume loop: librdkafka calls the rebalance handlers from inside Consume.
/// </summary>
internal sealed class SinkTask(IObjectStore store, IOptions<SinkOptions> options, SinkMetrics metrics, TimeProvider timeProvider, ILogger<SinkTask> logger)
{
    private static readonly TimeSpan[] RetryDelays =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)];

    private readonly SinkOptions settings = options.Value;
    private readonly Dictionary<TopicPartition, PartitionBuffer> partitions = [];

    public void Attach(ConsumerBuilder<Ignore, byte[]?> builder) =>
        builder
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler(OnLost);

    public async Task AddAsync(ConsumeResult<Ignore, byte[]?> record, CancellationToken cancellationToken)
    {
        if (!partitions.TryGetValue(record.TopicPartition, out var buffer))
        {
            buffer = new PartitionBuffer(record.TopicPartition);
            partitions.Add(record.TopicPartition, buffer);
        }

        using var activity = KafkaTracing.StartConsume(record, settings.GroupId);
        var value = record.Message.Value;
        var line = JsonLine.From(value, out var problem);
        if (line is null)
        {
            await RejectAsync(buffer, record.Offset.Value, value, problem!, cancellationToken);
            return;
        }

        buffer.Append(record.Offset.Value, line.Value.Span, timeProvider.GetTimestamp());
        if (buffer.Count >= settings.FlushSize)
        {
            await WriteAsync(buffer, cancellationToken);
        }
    }

    /// <summary>Writes the open objects that have reached <c>rotate.interval.ms</c>.</summary>
    public async Task RotateDueAsync(CancellationToken cancellationToken)
    {
        if (settings.RotateIntervalMs is not { } interval)
        {
            return;
        }

        foreach (var buffer in partitions.Values.ToArray())
        {
            if (buffer.Count > 0 && timeProvider.GetElapsedTime(buffer.OpenedAt).TotalMilliseconds >= interval)
            {
                await WriteAsync(buffer, cancellationToken);
            }
        }
    }

    /// <summary>How long the loop may wait for records before an open object is due for rotation.</summary>
    public TimeSpan PollTimeout(TimeSpan longest)
    {
        if (settings.RotateIntervalMs is not { } interval)
        {
            return longest;
        }

        var wait = longest;
        foreach (var buffer in partitions.Values)
        {
            if (buffer.Count > 0)
            {
                var left = TimeSpan.FromMilliseconds(interval) - timeProvider.GetElapsedTime(buffer.OpenedAt);
                wait = left < wait ? left : wait;
            }
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>Commits every partition's safe offset that moved since its last commit.</summary>
    public void Commit(IConsumer<Ignore, byte[]?> consumer) => Commit(consumer, partitions.Values);

    /// <summary>Updates the lag gauge from the high watermarks the consumer saw in its last fetches.</summary>
    public void UpdateLag(IConsumer<Ignore, byte[]?> consumer)
    {
        foreach (var buffer in partitions.Values)
        {
            var high = consumer.GetWatermarkOffsets(buffer.TopicPartition).High.Value;
            var position = buffer.SafeOffset >= 0 ? buffer.SafeOffset : consumer.Position(buffer.TopicPartition).Value;
            if (high >= 0 && position >= 0)
            {
                metrics.SetLag(buffer.TopicPartition, Math.Max(0, high - position));
            }
        }
    }

    private void OnAssigned(IConsumer<Ignore, byte[]?> consumer, List<TopicPartition> assigned)
    {
        foreach (var topicPartition in assigned)
        {
            partitions[topicPartition] = new PartitionBuffer(topicPartition);
        }

        SinkLog.Assigned(logger, string.Join(", ", assigned));
    }

    // The records buffered for a revoked partition are dropped, not written: the partition's committed
    // offset is the start of its open object, so the next owner reads them again and writes the same object.
    private void OnRevoked(IConsumer<Ignore, byte[]?> consumer, List<TopicPartitionOffset> revoked)
    {
        var buffers = revoked.Select(r => partitions.GetValueOrDefault(r.TopicPartition)).OfType<PartitionBuffer>().ToList();
        Commit(consumer, buffers);
        foreach (var buffer in buffers)
        {
            SinkLog.Revoked(logger, buffer.TopicPartition, buffer.SafeOffset, buffer.Count);
            Forget(buffer.TopicPartition);
        }
    }

    private void OnLost(IConsumer<Ignore, byte[]?> consumer, List<TopicPartitionOffset> lost)
    {
        foreach (var topicPartition in lost.Select(l => l.TopicPartition))
        {
            if (partitions.TryGetValue(topicPartition, out var buffer))
            {
                SinkLog.Lost(logger, topicPartition, buffer.Count);
                Forget(topicPartition);
            }
        }
    }

    private void Forget(TopicPartition topicPartition)
    {
        partitions.Remove(topicPartition);
        metrics.RemoveLag(topicPartition);
    }

    private void Commit(IConsumer<Ignore, byte[]?> consumer, IEnumerable<PartitionBuffer> buffers)
    {
        var due = buffers.Where(b => b.SafeOffset >= 0 && b.SafeOffset != b.CommittedOffset).ToList();
        if (due.Count == 0)
        {
            return;
        }

        var offsets = due.Select(b => new TopicPartitionOffset(b.TopicPartition, b.SafeOffset)).ToList();
        try
        {
            consumer.Commit(offsets);
            foreach (var buffer in due)
            {
                buffer.CommittedOffset = buffer.SafeOffset;
            }
        }
        catch (KafkaException ex)
        {
            SinkLog.CommitFailed(logger, ex, string.Join(", ", offsets));
        }
    }

    private async Task RejectAsync(PartitionBuffer buffer, long offset, byte[]? value, string problem, CancellationToken cancellationToken)
    {
        var (topic, partition) = (buffer.TopicPartition.Topic, buffer.TopicPartition.Partition.Value);
        metrics.BadRecord(topic);
        if (settings.ErrorsTolerance == ErrorsTolerance.None)
        {
            throw new BadRecordException(
                $"record {topic}/{partition}@{offset} cannot be written: {problem}. With Sink:ErrorsTolerance None the sink stops " +
                $"and commits no offset past it, so a restart meets it again; set Sink:ErrorsTolerance to All to move such records " +
                $"to '{settings.DeadLetterDir}/' in the bucket and carry on.");
        }

        var key = ObjectKeys.For(settings.DeadLetterDir, topic, partition, offset, "bin");
        await PutAsync(key, value ?? [], cancellationToken);
        buffer.Skip(offset);
        SinkLog.DeadLettered(logger, topic, partition, offset, problem, key);
    }

    private async Task WriteAsync(PartitionBuffer buffer, CancellationToken cancellationToken)
    {
        var topicPartition = buffer.TopicPartition;
        var key = ObjectKeys.For(settings.TopicsDir, topicPartition.Topic, topicPartition.Partition.Value, buffer.StartOffset, "json");
        var content = buffer.Content;
        using (SinkTelemetry.StartPut(key, buffer.Count, content.Length))
        {
            await PutAsync(key, content, cancellationToken);
        }

        metrics.ObjectWritten(topicPartition.Topic, buffer.Count, content.Length);
        SinkLog.ObjectWritten(logger, key, buffer.Count, content.Length);
        buffer.Reset();
    }

    private async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.PutAsync(key, content, cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt <= RetryDelays.Length && ex is not OperationCanceledException)
            {
                var delay = RetryDelays[attempt - 1];
                SinkLog.PutFailed(logger, ex, key, attempt, RetryDelays.Length + 1, delay);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
        }
    }
}
