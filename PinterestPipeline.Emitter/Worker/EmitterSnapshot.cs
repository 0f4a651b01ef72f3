namespace PinterestPipeline.Emitter.Worker;

/// <summary>Totals since start: events (skipped ones included), posts by outcome, and retries.</summary>
public sealed record EmitterSnapshot(
    long Events,
    long EventsSkipped,
    long PostsOk,
    long PostsRejected,
    long PostsFailed,
    long PostRetries,
    long DatabaseRetries);
