using Cronos;
using Microsoft.Extensions.Options;
using PinterestPipeline.Analytics.Telemetry;

namespace PinterestPipeline.Analytics.Batch;

/// <summary>
/// Starts a run at start-up (<c>Analytics:Batch:RunOnStart</c>) and at every occurrence of the cron schedule (UTC), as
/// the DAG's <c>schedule_interval</c> with <c>catchup=False</c>: occurrences missed while the service was down are not
/// made up, and one that comes while a run is still going is skipped.
/// </summary>
public sealed class BatchScheduler(BatchRunner runner, IOptions<AnalyticsOptions> options, TimeProvider timeProvider, ILogger<BatchScheduler> logger) : BackgroundService
{
    // Long waits are taken in steps, so a timer never has to span more than this.
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(12);

    public DateTimeOffset? NextRunAt { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Batch;
        var schedule = CronExpression.Parse(settings.Schedule);
        try
        {
            if (settings.RunOnStart)
            {
                _ = StartUpRunAsync(settings.RunOnStartDelay, stoppingToken);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                var next = schedule.GetNextOccurrence(timeProvider.GetUtcNow(), TimeZoneInfo.Utc);
                NextRunAt = next;
                if (next is null)
                {
                    return;
                }

                AnalyticsLog.NextScheduledRun(logger, next.Value);
                for (var wait = next.Value - timeProvider.GetUtcNow(); wait > TimeSpan.Zero; wait = next.Value - timeProvider.GetUtcNow())
                {
                    await Task.Delay(wait < LongestWait ? wait : LongestWait, timeProvider, stoppingToken);
                }

                await runner.StartRunAsync(BatchTrigger.Schedule, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task StartUpRunAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, stoppingToken);
            await runner.StartRunAsync(BatchTrigger.Startup, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
