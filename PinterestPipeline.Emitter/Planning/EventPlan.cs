namespace PinterestPipeline.Emitter.Planning;

/// <summary>
/// Draws events in the original's order, per event <c>sleep(uniform(min, max))</c> then <c>randint(0, maxOffset)</c> from
/// one seeded generator, so a seed fixes the sequence of offsets whatever the concurrency. Thread-safe.
/// </summary>
public sealed class EventPlan
{
    private readonly Lock gate = new();
    private readonly PythonRandom random;
    private readonly long maxOffset;
    private readonly double minDelaySeconds;
    private readonly double maxDelaySeconds;
    private readonly long count;
    private long drawn;

    /// <param name="seed">The generator's seed.</param>
    /// <param name="maxOffset">The largest offset, inclusive.</param>
    /// <param name="minDelay">The shortest pause before an event.</param>
    /// <param name="maxDelay">The longest pause before an event.</param>
    /// <param name="count">How many events to draw; 0 for no limit.</param>
    public EventPlan(long seed, long maxOffset, TimeSpan minDelay, TimeSpan maxDelay, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxOffset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        random = new PythonRandom(seed);
        this.maxOffset = maxOffset;
        minDelaySeconds = minDelay.TotalSeconds;
        maxDelaySeconds = maxDelay.TotalSeconds;
        this.count = count;
    }

    public long MaxOffset => maxOffset;

    /// <summary>The next event, or false once <c>count</c> events have been drawn.</summary>
    public bool TryNext(out PlannedEvent next)
    {
        lock (gate)
        {
            if (count > 0 && drawn >= count)
            {
                next = default;
                return false;
            }

            var delay = random.Uniform(minDelaySeconds, maxDelaySeconds);
            var offset = random.RandInt(0, maxOffset);
            next = new PlannedEvent(++drawn, offset, TimeSpan.FromSeconds(delay));
            return true;
        }
    }
}
