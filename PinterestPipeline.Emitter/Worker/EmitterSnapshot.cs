namespace PinterestPipeline.Emitter.Worker;

/// <summary>
/// Totals since start: events (skipped ones included) and how each ended, posts by outcome, retries, why events
/// were not delivered (one entry per kind and reason, most frequent first) and which tables' rows they lack.
/// </summary>
public sealed record EmitterSnapshot(
    long Events,
    long EventsSkipped,
    long PostsOk,
    long PostsRejected,
    long PostsFailed,
    long PostRetries,
    long DatabaseRetries,
    long EventsDelivered,
    long EventsFailed,
    long EventsRejected,
    IReadOnlyList<UndeliveredReason> Reasons)
{
    /// <summary>Requests that failed or were refused, per topic or stream (each is a table's row missing from an event), by name.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> UndeliveredByDestination { get; init; } = [];
}

/// <summary>How many events ended as <paramref name="End"/> for <paramref name="Reason"/>.</summary>
public sealed record UndeliveredReason(EventEnd End, string Reason, long Events);

/// <summary>How an event ended.</summary>
public enum EventEnd
{
    /// <summary>All three requests succeeded (or, in a dry run, were printed).</summary>
    Delivered,

    /// <summary>A request still failed after its retries (no response, a timeout, a retriable answer to the last attempt).</summary>
    Failed,

    /// <summary>A request was refused (a 4xx or a non-retriable record error) and none failed.</summary>
    Rejected,

    /// <summary>No row at the drawn offset in a table: nothing was sent.</summary>
    Skipped,
}
