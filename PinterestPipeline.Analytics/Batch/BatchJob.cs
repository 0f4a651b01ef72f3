using DuckDB.NET.Data;
using Microsoft.Extensions.Options;
using PinterestPipeline.Analytics.Bucket;
using PinterestPipeline.Analytics.Cleaning;
using PinterestPipeline.Analytics.Queries;
using PinterestPipeline.Analytics.Telemetry;
using PinterestPipeline.Analytics.Warehouse;

namespace PinterestPipeline.Analytics.Batch;

/// <summary>
/// One batch run, the seed's notebooks in one go: load the objects the warehouse has not seen (read them in parallel,
/// parse and clean each record in C#, append the new distinct rows), then answer the nine questions. Each commit
/// writes its rows, its rejected records and the partitions' new watermarks in one transaction, so a run killed at
/// any point and run again loads every record exactly once.
/// </summary>
public sealed class BatchJob(
    AnalyticsWarehouse warehouse,
    LoadedRows loadedRows,
    IBucketReader bucket,
    IOptions<AnalyticsOptions> options,
    AnalyticsMetrics metrics,
    TimeProvider timeProvider,
    ILogger<BatchJob> logger)
{
    internal async Task<BatchRunResult> RunAsync(long runId, LoadProgress progress, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        var loadStarted = timeProvider.GetTimestamp();
        using (var load = AnalyticsTelemetry.Start("batch load"))
        {
            try
            {
                await LoadAsync(connection, runId, progress, cancellationToken);
            }
            catch
            {
                loadedRows.Forget();
                throw;
            }

            load?.SetTag("analytics.batch.objects", progress.ObjectsRead);
            load?.SetTag("analytics.batch.records", progress.RecordsRead);
            load?.SetTag("analytics.batch.rejected", progress.Rejected);
        }

        var loadTime = timeProvider.GetElapsedTime(loadStarted);
        AnalyticsLog.Loaded(logger, runId, progress.ObjectsRead, progress.RecordsRead, loadTime.TotalSeconds);
        var answers = new List<(string, string)>();
        foreach (var query in QueryCatalog.All)
        {
            using var span = AnalyticsTelemetry.Start($"batch query {query.Id}");
            span?.SetTag("analytics.batch.query", query.Id);
            answers.Add((query.Id, await QueryRunner.RunAsync(connection, query, cancellationToken)));
        }

        return new BatchRunResult(progress.ObjectsRead, progress.RecordsRead, progress.Rejected, progress.Added,
            await CountRowsAsync(connection, cancellationToken), answers, loadTime);
    }

    private async Task LoadAsync(DuckDBConnection connection, long runId, LoadProgress progress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var watermarks = await ReadWatermarksAsync(connection, cancellationToken);
        var seen = await loadedRows.GetAsync(connection, cancellationToken);
        var planner = new LoadPlanner(bucket, settings.TopicsDir, settings.TopicPrefix!);
        var plan = await planner.PlanAsync(watermarks, cancellationToken);
        if (planner.Ignored > 0)
        {
            AnalyticsLog.ObjectsIgnored(logger, runId, planner.Ignored);
        }

        for (var start = 0; start < plan.Count;)
        {
            byte[][] contents;
            using (var read = AnalyticsTelemetry.Start("batch read"))
            {
                (contents, var bytes) = await ReadCommitAsync(plan, start, settings.Batch, cancellationToken);
                read?.SetTag("analytics.batch.objects", contents.Length);
                read?.SetTag("analytics.batch.bytes", bytes);
            }

            var cleaned = new CleanedObject[contents.Length];
            using (var clean = AnalyticsTelemetry.Start("batch clean"))
            {
                Parallel.For(0, cleaned.Length, new ParallelOptions { CancellationToken = cancellationToken }, i => cleaned[i] = CleanedObject.From(plan[start + i], contents[i]));
                clean?.SetTag("analytics.batch.records", cleaned.Sum(c => (long)c.Records));
            }

            using (AnalyticsTelemetry.Start("batch write"))
            {
                await CommitAsync(connection, runId, cleaned, seen, progress, cancellationToken);
            }

            start += contents.Length;
        }
    }

    /// <summary>
    /// Reads the objects of the next commit from <paramref name="start"/> on, <c>ReadConcurrency</c> at a time: each
    /// reader takes the next object while the objects read so far hold fewer than <c>BytesPerCommit</c> bytes and fewer
    /// than <c>ObjectsPerCommit</c> were taken, so a commit holds at most <c>ReadConcurrency</c> objects past the byte
    /// bound. Objects are taken in order, so the ones read are the plan's next ones without a gap.
    /// </summary>
    private async Task<(byte[][] Contents, long Bytes)> ReadCommitAsync(List<BucketObject> plan, int start, BatchOptions batch, CancellationToken cancellationToken)
    {
        var limit = (int)Math.Min(plan.Count, (long)start + batch.ObjectsPerCommit);
        var contents = new byte[limit - start][];
        var next = start;
        long bytes = 0;
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        async Task ReadAsync()
        {
            try
            {
                while (Interlocked.Read(ref bytes) < batch.BytesPerCommit && Interlocked.Increment(ref next) - 1 is var index && index < limit)
                {
                    var content = await bucket.ReadAsync(plan[index].Key, failed.Token);
                    contents[index - start] = content;
                    Interlocked.Add(ref bytes, content.Length);
                }
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, batch.ReadConcurrency).Select(_ => Task.Run(ReadAsync, CancellationToken.None)));
        var taken = Math.Min(next, limit) - start;
        return (taken == contents.Length ? contents : contents[..taken], bytes);
    }

    private async Task CommitAsync(
        DuckDBConnection connection, long runId, CleanedObject[] objects, Dictionary<string, HashSet<UInt128>> seen, LoadProgress progress, CancellationToken cancellationToken)
    {
        long records = 0;
        var added = TableCleaning.All.ToDictionary(table => table, _ => 0L);
        var rejected = new List<RejectedRecord>();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        using (var tables = new TableAppender(connection))
        {
            foreach (var cleaned in objects)
            {
                records += cleaned.Records;
                rejected.AddRange(cleaned.Rejected);
                var hashes = seen[cleaned.Source.Table.WarehouseTable];
                foreach (var (row, hash) in cleaned.Rows)
                {
                    if (!hashes.Add(hash))
                    {
                        continue;
                    }

                    tables.Append(row, hash);
                    added[cleaned.Source.Table]++;
                }
            }

            tables.Close();
        }

        using (var appender = connection.CreateAppender("batch_rejected"))
        {
            foreach (var record in rejected)
            {
                appender.CreateRow().AppendValue(runId).AppendValue(record.ObjectKey).AppendValue(record.Line).AppendValue(record.Reason).AppendValue(record.Value).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("batch_positions"))
        {
            foreach (var last in objects.GroupBy(o => (o.Source.Topic, o.Source.Partition)).Select(g => g.Last().Source))
            {
                appender.CreateRow().AppendValue(last.Topic).AppendValue(last.Partition).AppendValue(last.Key).AppendValue(runId).EndRow();
            }
        }

        var counts = new TableCounts(added[TableCleaning.Pin], added[TableCleaning.Geo], added[TableCleaning.User]);
        await BatchRunStore.AddProgressAsync(connection, runId, objects.Length, records, rejected.Count, counts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Loaded(objects.Length, records, rejected.Count);
        if (rejected.Count > 0)
        {
            AnalyticsLog.RecordsRejected(logger, runId, rejected.Count, rejected[0].ObjectKey, rejected[0].Line, rejected[0].Reason);
        }

        AnalyticsLog.Committed(logger, runId, objects.Length, records, objects[^1].Source.Key);
        progress.ObjectsRead += objects.Length;
        progress.RecordsRead += records;
        progress.Rejected += rejected.Count;
        progress.PinAdded += counts.Pin;
        progress.GeoAdded += counts.Geo;
        progress.UserAdded += counts.User;
    }

    private static async Task<Dictionary<(string Topic, int Partition), string>> ReadWatermarksAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT topic, \"partition\", max(last_key) FROM batch_positions GROUP BY topic, \"partition\"";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var watermarks = new Dictionary<(string, int), string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            watermarks[(reader.GetString(0), reader.GetInt32(1))] = reader.GetString(2);
        }

        return watermarks;
    }

    private static async Task<TableCounts> CountRowsAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM pin), (SELECT count(*) FROM geo), (SELECT count(*) FROM \"user\")";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new TableCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
