using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Hashing;
using System.Text;
using Confluent.Kafka;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;
using PinterestPipeline.Analytics.Telemetry;

namespace PinterestPipeline.Analytics.StreamProcessing;

/// <summary>
/// The continuous stream job, the seed's three <c>readStream ... writeStream</c> queries in one loop: read the streams
/// from their earliest record, decode, parse and clean each record with the batch job's rules, and commit micro-batches
/// (<c>Analytics:Streams:MaxBatchRecords</c> records or <c>MaxBatchWait</c> after the first, whichever comes first)
/// with the shards' positions in the same transaction. The warehouse is the checkpoint, as Spark's checkpointLocation
/// is: the consumer is assigned its shards (no consumer group, no Kafka offset commits) and sent to the positions the
/// warehouse holds. Before it goes on from a position it reads the record just before it again and compares it with the
/// fingerprint stored beside it; a different record means the stream is not the one the positions came from (a broker
/// that starts empty, a stream deleted and created again), and the table is moved aside and the stream read from its
/// beginning. Any failure ends the cycle; the next starts from the warehouse's positions, as a restart would.
/// </summary>
public sealed class StreamJob(
    IServiceProvider services,
    StreamWarehouse store,
    StreamJobStatus status,
    StreamMetrics metrics,
    IOptions<AnalyticsOptions> options,
    TimeProvider timeProvider,
    ILogger<StreamJob> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);

    // The live view's lag: how often the shards' progress is published while records are being read.
    private static readonly TimeSpan PublishInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    private readonly AnalyticsOptions settings = options.Value;
    private readonly StreamRecordDecoder decoder = new();
    private readonly XxHash64 hasher = new();
    private readonly HashSet<string> missingStreams = [];
    private long commits;

    /// <summary>The three streams and tables of <c>Pipeline:TopicPrefix</c>.</summary>
    public IReadOnlyList<StreamTable> Tables { get; } = StreamTable.For(options.Value.TopicPrefix!);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(Tables, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Consume blocks; keep it off the thread that runs the host's start-up.
        await Task.Yield();
        if (settings.Streams.Enabled != true)
        {
            status.Set(StreamJobState.Disabled);
            AnalyticsLog.StreamsDisabled(logger, StreamsOptions.SectionName);
            return;
        }

        var streams = settings.Streams;
        AnalyticsLog.StreamsStarting(logger, string.Join(", ", Tables.Select(t => $"{t.Stream} → {t.Name}")), streams.MaxBatchRecords, streams.MaxBatchWait.TotalMilliseconds);
        var consumer = services.GetRequiredService<IConsumer<byte[]?, byte[]?>>();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunAsync(consumer, admin, () => failures = 0, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    var delay = RetryDelays[Math.Min(failures++, RetryDelays.Length - 1)];
                    status.Set(StreamJobState.Retrying, ex.Message, timeProvider.GetUtcNow() + delay);
                    AnalyticsLog.StreamJobFailed(logger, ex, ex.Message, delay.TotalSeconds);
                    await Task.Delay(delay, timeProvider, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            status.Set(StreamJobState.Stopped);
            consumer.Close();
        }
    }

    /// <summary>One cycle: from the warehouse's positions until the service stops or something fails.</summary>
    private async Task RunAsync(IConsumer<byte[]?, byte[]?> consumer, IAdminClient admin, Action committed, CancellationToken stoppingToken)
    {
        status.Set(StreamJobState.Starting);
        consumer.Unassign();
        await using var connection = await store.OpenAsync(stoppingToken);
        var positions = await StreamWarehouse.ReadPositionsAsync(connection, stoppingToken);
        var nextRows = new Dictionary<StreamTable, long>();
        foreach (var table in Tables)
        {
            nextRows[table] = await StreamWarehouse.ReadNextRowAsync(connection, table, stoppingToken);
        }

        var shards = new Dictionary<TopicPartition, ShardCursor>();
        missingStreams.Clear();
        commits = 0;
        Discover(consumer, admin, shards, positions);
        var nextDiscovery = timeProvider.GetTimestamp();
        var published = timeProvider.GetTimestamp();
        status.Set(StreamJobState.Running);

        // One commit runs in the background while the next batch is read (the warehouse and the decoding each take
        // about half of the work); the next commit, a restart and the end of the cycle wait for it first.
        Task<StreamBatch>? pending = null;
        async Task SettleAsync()
        {
            if (pending is not null)
            {
                var done = await pending;
                pending = null;
                foreach (var (shard, position) in done.Positions)
                {
                    shard.Commit(position.Next, position.Fingerprint, done.CommittedAt);
                }

                committed();
            }
        }

        var batch = new StreamBatch(Tables);
        try
        {
            while (true)
            {
                if (pending is { IsCompleted: true })
                {
                    await SettleAsync();
                }

                if (stoppingToken.IsCancellationRequested)
                {
                    await SettleAsync();
                    if (batch.Records > 0)
                    {
                        pending = CommitAsync(connection, batch, nextRows);
                        await SettleAsync();
                    }

                    stoppingToken.ThrowIfCancellationRequested();
                }

                var record = Consume(consumer, batch.Records == 0 || Remaining(batch) > IdlePoll ? IdlePoll : Remaining(batch));
                if (record is not null && shards.TryGetValue(record.TopicPartition, out var shard))
                {
                    if (Add(batch, shard, record) is { } restart)
                    {
                        await SettleAsync();
                        await RestartAsync(connection, consumer, shards, restart);
                        batch = new StreamBatch(Tables);
                        continue;
                    }
                }

                if (batch.Records >= settings.Streams.MaxBatchRecords || (batch.Records > 0 && Remaining(batch) == TimeSpan.Zero))
                {
                    await SettleAsync();
                    var full = batch;
                    pending = Task.Run(() => CommitAsync(connection, full, nextRows), CancellationToken.None);
                    batch = new StreamBatch(Tables);
                }

                if (batch.Records == 0 || timeProvider.GetElapsedTime(published) >= PublishInterval)
                {
                    Publish(consumer, shards);
                    published = timeProvider.GetTimestamp();
                }

                // Between batches, so a new shard's assignment never races a pending batch's reads.
                if (batch.Records == 0 && timeProvider.GetElapsedTime(nextDiscovery) >= settings.Streams.ShardRefreshInterval)
                {
                    Discover(consumer, admin, shards, positions);
                    nextDiscovery = timeProvider.GetTimestamp();
                }
            }
        }
        finally
        {
            // Never leave a commit running on the connection this cycle is about to close.
            if (pending is not null)
            {
                await pending.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private ConsumeResult<byte[]?, byte[]?>? Consume(IConsumer<byte[]?, byte[]?> consumer, TimeSpan timeout)
    {
        try
        {
            return consumer.Consume(timeout);
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            AnalyticsLog.StreamConsumeFailed(logger, ex.Error.Reason, ex.Error.Code);
            return null;
        }
    }

    private TimeSpan Remaining(StreamBatch batch)
    {
        var left = settings.Streams.MaxBatchWait - timeProvider.GetElapsedTime(batch.StartedAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Adds a record to the batch; returns the shard whose table must be started again when the stream is not the one expected.</summary>
    private Restart? Add(StreamBatch batch, ShardCursor shard, ConsumeResult<byte[]?, byte[]?> record)
    {
        var offset = record.Offset.Value;
        var message = record.Message;
        if (shard.Verifying)
        {
            if (offset > shard.Committed - 1)
            {
                // The record before the position is gone (retention); the shard goes on from what there is.
                shard.Verifying = false;
                if (offset > shard.Committed)
                {
                    AnalyticsLog.RecordsExpired(logger, shard.Table.Stream, shard.ShardId, shard.Committed, offset - 1);
                }
            }
            else if (offset == shard.Committed - 1 && Fingerprint(message) == shard.Fingerprint)
            {
                shard.Verifying = false;
                return null;
            }
            else
            {
                return new Restart(shard, Recreated: true, offset);
            }
        }
        else if (offset < shard.Read)
        {
            // The log went back below what was read (the partition was reset): check the position again.
            return new Restart(shard, Recreated: false, offset);
        }

        if (batch.Records == 0)
        {
            batch.Started(timeProvider.GetTimestamp(), timeProvider.GetUtcNow());
        }

        var arrival = DateTime.SpecifyKind(message.Timestamp.UtcDateTime, DateTimeKind.Unspecified);
        var data = message.Value ?? [];
        var values = decoder.Decode(data, shard.Table.Source, out var reason);
        if (values is null)
        {
            var kept = data.AsSpan(0, Math.Min(data.Length, StreamWarehouse.KeptDataBytes)).ToArray();
            var key = message.Key is null ? null : Encoding.UTF8.GetString(message.Key);
            batch.Add(new PendingRejection(shard, offset, key, arrival, reason!, kept, data.Length));
        }
        else
        {
            batch.Add(new PendingRow(shard.Table.Source.Clean(values), shard, offset, arrival));
        }

        if (PipelineTelemetry.ActivitySource.HasListeners())
        {
            batch.AddTraceContext(KafkaTracing.ExtractContext(message.Headers));
        }

        batch.Moved(shard, offset + 1, Fingerprint(message));
        shard.Read = offset + 1;
        return null;
    }

    /// <summary>Writes the batch; the shards' positions move on when the loop settles it (they are the loop's own state).</summary>
    private async Task<StreamBatch> CommitAsync(DuckDBConnection connection, StreamBatch batch, Dictionary<StreamTable, long> nextRows)
    {
        using var activity = AnalyticsTelemetry.StartStreamBatch(batch);
        var started = timeProvider.GetTimestamp();
        // The first commit of each cycle, and every CompactEvery-th after it, drops superseded positions.
        await StreamWarehouse.CommitAsync(connection, batch, nextRows, compact: commits++ % StreamWarehouse.CompactEvery == 0);
        batch.CommittedAt = timeProvider.GetUtcNow();
        var duration = timeProvider.GetElapsedTime(started);
        metrics.Committed(batch, batch.CommittedAt, duration);
        AnalyticsTelemetry.TagStreamBatch(activity, batch);
        if (batch.Rejected.Count > 0)
        {
            var first = batch.Rejected[0];
            AnalyticsLog.StreamRecordsRejected(logger, batch.Rejected.Count, first.Shard.Table.Stream, first.Shard.ShardId,
                ServiceDefaults.Streams.SequenceNumber.Format(first.Shard.Partition.Partition.Value, first.Offset), first.Reason);
        }

        AnalyticsLog.StreamBatchCommitted(logger, batch.Records, batch.Rejected.Count, duration.TotalMilliseconds);
        return batch;
    }

    /// <summary>Drops the uncommitted reads and sends the consumer back to the committed positions; a stream found to be another one is moved aside first.</summary>
    private async Task RestartAsync(DuckDBConnection connection, IConsumer<byte[]?, byte[]?> consumer, Dictionary<TopicPartition, ShardCursor> shards, Restart restart)
    {
        var table = restart.Shard.Table;
        var tableShards = shards.Values.Where(s => s.Table == table).ToList();
        if (restart.Recreated)
        {
            var archive = await StreamWarehouse.ArchiveAsync(connection, table, timeProvider.GetUtcNow());
            AnalyticsLog.StreamRecreated(logger, table.Stream, restart.Shard.ShardId, restart.Shard.Committed, restart.Offset, table.Name, archive);
            foreach (var shard in tableShards)
            {
                shard.Reset();
            }
        }
        else
        {
            AnalyticsLog.StreamWentBack(logger, table.Stream, restart.Shard.ShardId, restart.Offset, restart.Shard.Read);
            foreach (var shard in tableShards)
            {
                shard.Verifying = shard.Committed > 0;
            }
        }

        foreach (var shard in shards.Values)
        {
            shard.Rewind();
        }

        consumer.Assign(shards.Values.Select(s => s.StartOffset));
    }

    /// <summary>Assigns the shards of each stream that the consumer does not have yet, each at its committed position.</summary>
    private void Discover(IConsumer<byte[]?, byte[]?> consumer, IAdminClient admin, Dictionary<TopicPartition, ShardCursor> shards, Dictionary<(string Stream, int Partition), (long Next, ulong Fingerprint)> positions)
    {
        var added = new List<ShardCursor>();
        foreach (var table in Tables)
        {
            TopicMetadata? topic;
            try
            {
                topic = admin.GetMetadata(table.Stream, MetadataTimeout).Topics.FirstOrDefault(t => t.Topic == table.Stream);
            }
            catch (KafkaException ex)
            {
                AnalyticsLog.ShardDiscoveryFailed(logger, table.Stream, ex.Message);
                continue;
            }

            if (topic is null || topic.Error.IsError || topic.Partitions.Count == 0)
            {
                if (missingStreams.Add(table.Stream))
                {
                    AnalyticsLog.StreamMissing(logger, table.Stream, topic?.Error.Reason ?? "no metadata", settings.Streams.ShardRefreshInterval.TotalSeconds);
                }

                continue;
            }

            missingStreams.Remove(table.Stream);
            foreach (var partition in topic.Partitions.Select(p => p.PartitionId).Order())
            {
                var topicPartition = new TopicPartition(table.Stream, partition);
                if (!shards.ContainsKey(topicPartition))
                {
                    var (next, fingerprint) = positions.GetValueOrDefault((table.Stream, partition));
                    var shard = new ShardCursor(table, topicPartition, next, fingerprint);
                    shards.Add(topicPartition, shard);
                    added.Add(shard);
                }
            }
        }

        if (added.Count > 0)
        {
            consumer.IncrementalAssign(added.Select(s => s.StartOffset));
            foreach (var shard in added)
            {
                AnalyticsLog.ShardAssigned(logger, shard.Table.Stream, shard.ShardId, shard.Committed, shard.Verifying);
            }

            Publish(consumer, shards);
        }
    }

    private void Publish(IConsumer<byte[]?, byte[]?> consumer, Dictionary<TopicPartition, ShardCursor> shards)
    {
        var progress = new ShardProgress[shards.Count];
        var i = 0;
        foreach (var shard in shards.Values)
        {
            var high = consumer.GetWatermarkOffsets(shard.Partition).High;
            if (high != Offset.Unset)
            {
                shard.HighWatermark = high.Value;
            }

            progress[i++] = new ShardProgress(shard.Table.Stream, shard.ShardId, shard.Partition.Partition.Value, shard.Committed, shard.HighWatermark, shard.LastCommitAt);
        }

        status.Publish(progress);
    }

    /// <summary>What identifies a record of a stream: its arrival time, key and data.</summary>
    private ulong Fingerprint(Message<byte[]?, byte[]?> message)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteInt64LittleEndian(header, message.Timestamp.UnixTimestampMs);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], message.Key?.Length ?? -1);
        hasher.Reset();
        hasher.Append(header);
        hasher.Append(message.Key ?? []);
        hasher.Append(message.Value ?? []);
        return hasher.GetCurrentHashAsUInt64();
    }

    private sealed record Restart(ShardCursor Shard, bool Recreated, long Offset);
}
