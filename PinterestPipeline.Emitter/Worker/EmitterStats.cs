using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using PinterestPipeline.Emitter.Posting;

namespace PinterestPipeline.Emitter.Worker;

/// <summary>
/// The emitter's counters: OpenTelemetry instruments on the <c>PinterestPipeline</c> meter for the dashboard, and
/// plain totals for the periodic summary and for scripts and tests that read <see cref="Snapshot"/>.
/// </summary>
public sealed class EmitterStats
{
    private readonly Counter<long> events;
    private readonly Counter<long> posts;
    private readonly Counter<long> postRetries;
    private readonly Counter<long> databaseRetries;
    private readonly Histogram<double> eventDuration;
    private readonly Histogram<double> postDuration;

    private long eventCount;
    private long skippedCount;
    private long postsOk;
    private long postsRejected;
    private long postsFailed;
    private long postRetryCount;
    private long databaseRetryCount;
    private long deliveredCount;
    private long failedCount;
    private long rejectedCount;
    private readonly ConcurrentDictionary<(EventEnd End, string Reason), long> reasons = new();
    private readonly ConcurrentDictionary<string, long> undelivered = new(StringComparer.Ordinal);

    public EmitterStats(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(PipelineTelemetry.MeterName);
        events = meter.CreateCounter<long>("pipeline.emitter.events", "{event}", "Events emitted, by outcome (ok, incomplete, skipped).");
        posts = meter.CreateCounter<long>("pipeline.emitter.posts", "{request}", "Requests to the proxy (POST to a topic, PUT to a stream), by topic or stream and outcome (ok, rejected, failed).");
        postRetries = meter.CreateCounter<long>("pipeline.emitter.post.retries", "{retry}", "Request attempts repeated after a retriable failure, by topic or stream.");
        databaseRetries = meter.CreateCounter<long>("pipeline.emitter.db.retries", "{retry}", "Database reads repeated after a transient failure.");
        eventDuration = meter.CreateHistogram<double>("pipeline.emitter.event.duration", "s", "From reading the rows to the last request's answer.");
        postDuration = meter.CreateHistogram<double>("pipeline.emitter.post.duration", "s", "One request, retries included, by topic or stream.");
    }

    public EmitterSnapshot Snapshot() => new(
        Interlocked.Read(ref eventCount),
        Interlocked.Read(ref skippedCount),
        Interlocked.Read(ref postsOk),
        Interlocked.Read(ref postsRejected),
        Interlocked.Read(ref postsFailed),
        Interlocked.Read(ref postRetryCount),
        Interlocked.Read(ref databaseRetryCount),
        Interlocked.Read(ref deliveredCount),
        Interlocked.Read(ref failedCount),
        Interlocked.Read(ref rejectedCount),
        [.. reasons.Select(r => new UndeliveredReason(r.Key.End, r.Key.Reason, r.Value)).OrderByDescending(r => r.Events).ThenBy(r => r.End).ThenBy(r => r.Reason, StringComparer.Ordinal)])
    {
        UndeliveredByDestination = [.. undelivered.OrderBy(d => d.Key, StringComparer.Ordinal)],
    };

    /// <param name="end">Delivered, Failed or Rejected.</param>
    /// <param name="reason">Why it was not delivered: the reason of its first failed request, else of its first rejected one.</param>
    public void EventCompleted(EventEnd end, string? reason, TimeSpan duration)
    {
        Interlocked.Increment(ref eventCount);
        switch (end)
        {
            case EventEnd.Delivered:
                Interlocked.Increment(ref deliveredCount);
                break;
            case EventEnd.Failed:
                Interlocked.Increment(ref failedCount);
                break;
            case EventEnd.Rejected:
                Interlocked.Increment(ref rejectedCount);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(end), end, "Skipped events are counted by EventSkipped.");
        }

        if (end != EventEnd.Delivered)
        {
            reasons.AddOrUpdate((end, reason ?? "unknown"), 1, (_, n) => n + 1);
        }

        var outcome = end == EventEnd.Delivered ? "ok" : "incomplete";
        events.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        eventDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void EventSkipped(string reason)
    {
        Interlocked.Increment(ref eventCount);
        Interlocked.Increment(ref skippedCount);
        reasons.AddOrUpdate((EventEnd.Skipped, reason), 1, (_, n) => n + 1);
        events.Add(1, new KeyValuePair<string, object?>("outcome", "skipped"));
    }

    public void PostCompleted(string topic, PostOutcome outcome, TimeSpan duration)
    {
        switch (outcome)
        {
            case PostOutcome.Ok:
                Interlocked.Increment(ref postsOk);
                break;
            case PostOutcome.Rejected:
                Interlocked.Increment(ref postsRejected);
                break;
            default:
                Interlocked.Increment(ref postsFailed);
                break;
        }

        if (outcome != PostOutcome.Ok)
        {
            undelivered.AddOrUpdate(topic, 1, (_, n) => n + 1);
        }

        var tags = new TagList { { "topic", topic }, { "outcome", OutcomeTag(outcome) } };
        posts.Add(1, tags);
        postDuration.Record(duration.TotalSeconds, tags);
    }

    public void PostRetried(string topic)
    {
        Interlocked.Increment(ref postRetryCount);
        postRetries.Add(1, new KeyValuePair<string, object?>("topic", topic));
    }

    public void DatabaseRetried()
    {
        Interlocked.Increment(ref databaseRetryCount);
        databaseRetries.Add(1);
    }

    private static string OutcomeTag(PostOutcome outcome) => outcome switch
    {
        PostOutcome.Ok => "ok",
        PostOutcome.Rejected => "rejected",
        _ => "failed",
    };
}
