namespace PinterestPipeline.Analytics.Batch;

/// <summary>The answer to a request to start a run: the run started, or the one that is running (one at a time).</summary>
public sealed record StartResult(BatchRun? Started, long? RunningRunId);
