namespace PinterestPipeline.Emitter.Posting;

/// <summary>
/// The end of one request: its topic or stream, outcome, the last HTTP status (null when no response came), attempts
/// made, why it failed, and where the record landed.
/// </summary>
public sealed record PostResult(string Destination, PostOutcome Outcome, int? StatusCode, int Attempts, string? Detail, RecordPosition? Position);
