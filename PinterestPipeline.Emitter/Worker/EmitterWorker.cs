using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;
using PinterestPipeline.Emitter.Configuration;
using PinterestPipeline.Emitter.Planning;
using PinterestPipeline.Emitter.Posting;
using PinterestPipeline.Emitter.Source;

namespace PinterestPipeline.Emitter.Worker;

/// <summary>
/// The course's <c>run_infinite_post_data_loop</c>: <c>Concurrency</c> loops share one seeded <see cref="EventPlan"/>;
/// each sleeps the drawn delay, then emits the drawn offset. With <c>Count</c> set the application stops once that many
/// events are done, with the exit code and final line of <see cref="EmitterRunResult"/>. On shutdown, events already in flight get <c>DrainTimeout</c> to finish.
/// </summary>
public sealed class EmitterWorker(
    EventProcessor processor,
    SourceRowReader reader,
    EmitterStats stats,
    EmitterRunResult result,
    IPostTarget target,
    IOptions<EmitterOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<EmitterWorker> logger) : BackgroundService
{
    private volatile bool failed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        long maxOffset = settings.MaxOffset;
        if (settings.MaxOffsetFromRowCount)
        {
            try
            {
                maxOffset = Math.Max(0, await reader.MinRowCountAsync(stoppingToken) - 1);
            }
            catch (MySqlException ex) when (!DatabaseFaults.IsTransient(ex))
            {
                Fail(ex);
                return;
            }

            EmitterLog.MaxOffsetFromRowCount(logger, maxOffset);
        }

        // Without a configured seed the run is still reproducible: the seed it drew is logged.
        var seed = settings.Seed ?? Random.Shared.Next();
        var plan = new EventPlan(seed, maxOffset, settings.MinDelay, settings.MaxDelay, settings.Count);
        EmitterLog.Starting(logger, settings.ApiBaseUrl, target.Description, maxOffset, seed, settings.Concurrency, settings.Count, settings.DryRun);

        using var drain = new CancellationTokenSource();
        await using var drainOnStop = stoppingToken.Register(() => drain.CancelAfter(settings.DrainTimeout));
        using var stopSummary = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var summary = RunSummaryAsync(settings.SummaryInterval, stopSummary.Token);

        var started = timeProvider.GetTimestamp();
        var loops = Enumerable.Range(0, settings.Concurrency).Select(_ => RunLoopAsync(plan, stoppingToken, drain.Token)).ToArray();
        await Task.WhenAll(loops);
        await stopSummary.CancelAsync();
        await summary;
        var totals = stats.Snapshot();
        var elapsed = timeProvider.GetElapsedTime(started).TotalSeconds;
        EmitterLog.Totals(logger, elapsed, elapsed > 0 ? totals.Events / elapsed : 0, totals.Events, totals.EventsSkipped, totals.PostsOk, totals.PostsRejected, totals.PostsFailed, totals.PostRetries, totals.DatabaseRetries);

        if (settings.Count > 0 && !failed)
        {
            var stoppedEarly = stoppingToken.IsCancellationRequested;
            var line = EmitterRunResult.Describe(totals, settings.Count, stoppedEarly);
            var allDelivered = totals.EventsDelivered == totals.Events;
            result.Set(allDelivered ? EmitterRunResult.Success : EmitterRunResult.NotAllDelivered, line);
            if (allDelivered && !stoppedEarly)
            {
                EmitterLog.CountReached(logger, settings.Count);
            }
            else if (!allDelivered)
            {
                EmitterLog.CountNotDelivered(logger, line);
            }

            lifetime.StopApplication();
        }
    }

    private async Task RunLoopAsync(EventPlan plan, CancellationToken stoppingToken, CancellationToken drainToken)
    {
        while (!stoppingToken.IsCancellationRequested && plan.TryNext(out var next))
        {
            if (next.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(next.Delay, timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            try
            {
                await processor.ProcessAsync(next, drainToken);
            }
            catch (OperationCanceledException) when (drainToken.IsCancellationRequested)
            {
                return;
            }
            catch (MySqlException ex) when (!DatabaseFaults.IsTransient(ex))
            {
                Fail(ex);
                return;
            }
        }
    }

    private void Fail(MySqlException ex)
    {
        failed = true;
        EmitterLog.DatabaseUnusable(logger, ex.Message);
        result.Set(EmitterRunResult.DatabaseUnusable, $"error: the source tables cannot be read: {ex.Message}");
        lifetime.StopApplication();
    }

    private async Task RunSummaryAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, timeProvider);
        var previous = stats.Snapshot();
        var since = timeProvider.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var current = stats.Snapshot();
                var elapsed = timeProvider.GetElapsedTime(since);
                EmitterLog.Summary(logger, (current.Events - previous.Events) / elapsed.TotalSeconds, elapsed.TotalSeconds, current.Events,
                    current.EventsSkipped, current.PostsOk, current.PostsRejected, current.PostsFailed, current.PostRetries, current.DatabaseRetries);
                previous = current;
                since = timeProvider.GetTimestamp();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
