using PinterestPipeline.Emitter.Planning;

namespace PinterestPipeline.Emitter.Tests.Infrastructure;

internal static class PlannedOffsets
{
    /// <summary>The offsets a run with this seed draws, in order.</summary>
    public static List<long> For(int seed, long maxOffset, long count)
    {
        var plan = new EventPlan(seed, maxOffset, TimeSpan.Zero, TimeSpan.Zero, count);
        var offsets = new List<long>();
        while (plan.TryNext(out var next))
        {
            offsets.Add(next.Offset);
        }

        return offsets;
    }
}
