namespace PinterestPipeline.Emitter.Planning;

/// <summary>An event to emit: its 1-based sequence number, the offset to read, and the pause before it.</summary>
public readonly record struct PlannedEvent(long Sequence, long Offset, TimeSpan Delay);
