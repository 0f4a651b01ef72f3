using System.Diagnostics;
using PinterestPipeline.Analytics.StreamProcessing;

namespace PinterestPipeline.Analytics.Telemetry;

/// <summary>
/// The batch job's spans: a trace of its own per run (<c>batch run</c>, linked to the request that started it), with
/// <c>batch load</c> (and per commit <c>batch read</c>, <c>batch clean</c>, <c>batch write</c>) and one
/// <c>batch query &lt;id&gt;</c> per question. The stream job's: one <c>stream batch</c> span per micro-batch, from its
/// first record's read to its commit, linked to the trace context of each record that carried one (at most
/// <see cref="StreamBatch.MaxLinks"/>); when they all belong to one trace (one emitted event: its three PUTs), the span
/// is a child of the first record's producer span, so the event's trace runs on into the warehouse.
/// </summary>
internal static class AnalyticsTelemetry
{
    public const string RunIdTag = "analytics.batch.run_id";

    /// <summary>
    /// Starts the run's span as a root in the calling flow (the run's own task): a run outlives the request that
    /// started it, so it gets a trace of its own, linked to the request's span.
    /// </summary>
    public static Activity? StartRun(long runId, string trigger, int attempt, string bucket, ActivityContext startedBy)
    {
        Activity.Current = null;
        var links = startedBy == default ? null : new[] { new ActivityLink(startedBy) };
        var activity = PipelineTelemetry.ActivitySource.StartActivity("batch run", ActivityKind.Internal, parentContext: default, links: links);
        activity?.SetTag(RunIdTag, runId);
        activity?.SetTag("analytics.batch.trigger", trigger);
        activity?.SetTag("analytics.batch.attempt", attempt);
        activity?.SetTag("analytics.batch.bucket", bucket);
        return activity;
    }

    public static Activity? Start(string name) => PipelineTelemetry.ActivitySource.StartActivity(name);

    public static Activity? StartStreamBatch(StreamBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var current = Activity.Current;
        Activity.Current = null;
        try
        {
            var contexts = batch.TraceContexts;
            var parent = batch.OneTrace && contexts.Count > 0 ? contexts[0] : default;
            var activity = PipelineTelemetry.ActivitySource.StartActivity(
                "stream batch", ActivityKind.Consumer, parent, links: contexts.Select(context => new ActivityLink(context)), startTime: batch.StartedAtUtc);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag("messaging.system", "kafka");
                activity.SetTag("messaging.operation.type", "process");
                activity.SetTag("messaging.operation.name", "process");
                activity.SetTag("messaging.batch.message_count", batch.Records);
            }

            return activity;
        }
        finally
        {
            Activity.Current = current;
        }
    }

    /// <summary>Adds what the committed batch held: rows per table and rejected records.</summary>
    public static void TagStreamBatch(Activity? activity, StreamBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        foreach (var (table, rows) in batch.Rows)
        {
            activity.SetTag($"analytics.streams.rows.{table.Source.TopicSuffix}", rows.Count);
        }

        activity.SetTag("analytics.streams.rejected", batch.Rejected.Count);
    }
}
