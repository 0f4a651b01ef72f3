using System.Diagnostics;

namespace PinterestPipeline.Analytics.Telemetry;

/// <summary>
/// The batch job's spans: a trace of its own per run (<c>batch run</c>, linked to the request that started it), with
/// <c>batch load</c> (and per commit <c>batch read</c>, <c>batch clean</c>, <c>batch write</c>) and one
/// <c>batch query &lt;id&gt;</c> per question.
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
}
