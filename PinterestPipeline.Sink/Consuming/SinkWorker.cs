using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PinterestPipeline.Sink.Configuration;
using PinterestPipeline.Sink.Storage;
using PinterestPipeline.Sink.Telemetry;
using PinterestPipeline.Sink.Writing;

namespace PinterestPipeline.Sink.Consuming;

/// <summary>The consume loop: subscribe, hand records to the task, rotate, commit, and close cleanly.</summary>
internal sealed class SinkWorker(
    IConsumer<Ignore, byte[]?> consumer,
    SinkTask task,
    IObjectStore store,
    SinkStatus status,
    IOptions<SinkOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<SinkWorker> logger) : BackgroundService
{
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(100);

    // Under steady load the loop never goes idle, so commits also happen on this clock.
    private static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Consume blocks; keep it off the thread that runs the host's start-up.
        await Task.Yield();
        var settings = options.Value;
        var subscription = TopicSubscription.From(settings.TopicsRegex!);
        SinkLog.Starting(logger, settings.ConnectorName, subscription, settings.GroupId!, store.Location, settings.TopicsDir,
            settings.FlushSize, settings.RotateIntervalMs, settings.ErrorsTolerance.ToString());
        consumer.Subscribe(subscription);
        try
        {
            await ConsumeAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            var reason = ex is BadRecordException ? ex.Message : $"writing to {store.Location} or reading from Kafka failed: {ex.Message}";
            SinkLog.Stopped(logger, ex, reason);
            status.Fail(ex);
            lifetime.StopApplication();
        }
        finally
        {
            Close();
        }
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        var lastCommit = timeProvider.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            ConsumeResult<Ignore, byte[]?>? record;
            try
            {
                record = consumer.Consume(task.PollTimeout(LongestPoll));
            }
            catch (ConsumeException ex) when (!ex.Error.IsFatal)
            {
                SinkLog.ConsumeFailed(logger, ex.Error.Reason);
                await Task.Delay(LongestPoll, timeProvider, stoppingToken);
                continue;
            }

            if (record is { IsPartitionEOF: false })
            {
                await task.AddAsync(record, stoppingToken);
            }

            await task.RotateDueAsync(stoppingToken);
            if (record is null || timeProvider.GetElapsedTime(lastCommit) >= CommitInterval)
            {
                task.Commit(consumer);
                task.UpdateLag(consumer);
                lastCommit = timeProvider.GetTimestamp();
            }
        }
    }

    // Commits what is written and leaves the group, so the partitions move to another instance at once.
    private void Close()
    {
        try
        {
            task.Commit(consumer);
            consumer.Close();
        }
        catch (KafkaException ex)
        {
            SinkLog.CloseFailed(logger, ex.Message);
        }
    }
}
