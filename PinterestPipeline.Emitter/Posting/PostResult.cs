namespace PinterestPipeline.Emitter.Posting;

/// <summary>The end of one POST: its outcome, the last HTTP status (null when no response came), attempts made, and why it failed.</summary>
public sealed record PostResult(string Topic, PostOutcome Outcome, int? StatusCode, int Attempts, string? Detail);
