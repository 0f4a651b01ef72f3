using System.Diagnostics;
using Microsoft.Extensions.Options;
using PinterestPipeline.Analytics.Bucket;
using PinterestPipeline.Analytics.Telemetry;
using PinterestPipeline.Analytics.Warehouse;

namespace PinterestPipeline.Analytics.Batch;

/// <summary>
/// Starts batch runs one at a time, records each, and retries a failed one as the course's DAG does (<c>retries</c>
/// times, <c>retry_delay</c> apart). A run started while a retry waits replaces that retry. At start it creates the
/// warehouse and marks runs that a killed process left <c>Running</c> as failed; at stop it cancels the running run,
/// which keeps what it committed.
/// </summary>
public sealed class BatchRunner(
    AnalyticsWarehouse warehouse,
    BatchRunStore store,
    BatchJob job,
    IBucketReader bucket,
    IOptions<AnalyticsOptions> options,
    AnalyticsMetrics metrics,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<BatchRunner> logger) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private BatchRun? current;
    private Task running = Task.CompletedTask;
    private CancellationTokenSource? pendingRetry;

    /// <summary>The id of the run in progress, if any.</summary>
    public long? RunningRunId => current?.Id;

    /// <summary>When the pending retry of a failed run starts, if one waits.</summary>
    public DateTimeOffset? RetryAt { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await warehouse.InitializeAsync(cancellationToken);
        var interrupted = await store.FailInterruptedAsync(cancellationToken);
        if (interrupted > 0)
        {
            AnalyticsLog.InterruptedRunsFailed(logger, interrupted);
        }

        var settings = options.Value;
        AnalyticsLog.Starting(logger, settings.TopicPrefix!, bucket.Location, warehouse.FilePath, settings.Batch.Schedule, settings.Batch.RunOnStart);
    }

    /// <summary>Waits for the running run, which the host's stopping token has cancelled.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => running.WaitAsync(cancellationToken);

    /// <summary>Starts a run now, unless one is running (then says which).</summary>
    public Task<StartResult> StartRunAsync(BatchTrigger trigger, CancellationToken cancellationToken) =>
        StartRunAsync(trigger, attempt: 1, retryOf: null, cancellationToken);

    private async Task<StartResult> StartRunAsync(BatchTrigger trigger, int attempt, long? retryOf, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is { } busy)
            {
                AnalyticsLog.RunSkipped(logger, trigger.ToString(), busy.Id);
                return new StartResult(null, busy.Id);
            }

            if (trigger != BatchTrigger.Retry)
            {
                CancelPendingRetry();
            }

            var run = await store.CreateAsync(trigger, attempt, retryOf, bucket.Location, cancellationToken);
            current = run;
            var startedBy = Activity.Current?.Context ?? default;
            running = Task.Run(() => ExecuteAsync(run, startedBy), CancellationToken.None);
            return new StartResult(run, null);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ExecuteAsync(BatchRun run, ActivityContext startedBy)
    {
        using var activity = AnalyticsTelemetry.StartRun(run.Id, run.Trigger.ToString(), run.Attempt, bucket.Location, startedBy);
        AnalyticsLog.RunStarted(logger, run.Id, run.Trigger.ToString(), run.Attempt);
        var started = timeProvider.GetTimestamp();
        var progress = new LoadProgress();
        var retry = false;
        try
        {
            var result = await job.RunAsync(run.Id, progress, lifetime.ApplicationStopping);
            await EndAsync(run, async () =>
            {
                await store.SucceedAsync(run.Id, result, CancellationToken.None);
                var elapsed = timeProvider.GetElapsedTime(started);
                metrics.RunEnded(BatchRunStatus.Succeeded, elapsed, result.ObjectsRead, result.LoadTime);
                activity?.SetStatus(ActivityStatusCode.Ok);
                AnalyticsLog.RunSucceeded(logger, run.Id, elapsed.TotalSeconds, result.ObjectsRead, result.RecordsRead, result.RejectedRecords,
                    result.RowsAdded.Pin, result.RowsAdded.Geo, result.RowsAdded.User);
            });
        }
        catch (Exception ex)
        {
            var error = lifetime.ApplicationStopping.IsCancellationRequested
                ? "stopped: the service shut down during the run; what it had committed is kept and the next run goes on from there"
                : ex.Message;
            activity?.SetStatus(ActivityStatusCode.Error, error);
            AnalyticsLog.RunFailed(logger, ex, run.Id, error);
            metrics.RunEnded(BatchRunStatus.Failed, timeProvider.GetElapsedTime(started), 0, TimeSpan.Zero);
            await EndAsync(run, () => RecordFailureAsync(run, error));
            retry = !lifetime.ApplicationStopping.IsCancellationRequested && run.Attempt <= options.Value.Batch.Retries;
        }

        // Only now that this run no longer counts as running: a retry due at once (RetryDelay 0) must not find it busy.
        if (retry)
        {
            ScheduleRetry(run);
        }
    }

    public void Dispose() => gate.Dispose();

    /// <summary>
    /// Records the run's end and stops counting it as running in one step under the start gate, so a client that
    /// reads the end (GET) and starts the next run at once (POST) is never told that this run is still running.
    /// </summary>
    private async Task EndAsync(BatchRun run, Func<Task> recordEnd)
    {
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            await recordEnd();
        }
        finally
        {
            if (ReferenceEquals(current, run))
            {
                current = null;
            }

            gate.Release();
        }
    }

    private async Task RecordFailureAsync(BatchRun run, string error)
    {
        try
        {
            await store.FailAsync(run.Id, error, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The warehouse itself may be what failed; the next start marks the run failed then.
            AnalyticsLog.RecordFailed(logger, ex, run.Id);
        }
    }

    private void ScheduleRetry(BatchRun failed)
    {
        var delay = options.Value.Batch.RetryDelay;
        var retry = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        Interlocked.Exchange(ref pendingRetry, retry)?.Cancel();
        RetryAt = timeProvider.GetUtcNow() + delay;
        AnalyticsLog.RetryScheduled(logger, failed.Id, RetryAt.Value, failed.Attempt + 1);
        _ = RetryAsync(failed, delay, retry);
    }

    private async Task RetryAsync(BatchRun failed, TimeSpan delay, CancellationTokenSource retry)
    {
        try
        {
            await Task.Delay(delay, timeProvider, retry.Token);
            Interlocked.CompareExchange(ref pendingRetry, null, retry);
            RetryAt = null;
            await StartRunAsync(BatchTrigger.Retry, failed.Attempt + 1, failed.Id, retry.Token);
        }
        catch (OperationCanceledException) when (retry.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The warehouse could not record the retry's start; the next scheduled or manual run goes on from there.
            AnalyticsLog.RetryFailed(logger, ex, failed.Id);
        }
        finally
        {
            retry.Dispose();
        }
    }

    private void CancelPendingRetry()
    {
        if (Interlocked.Exchange(ref pendingRetry, null) is { } retry)
        {
            retry.Cancel();
            RetryAt = null;
        }
    }
}
