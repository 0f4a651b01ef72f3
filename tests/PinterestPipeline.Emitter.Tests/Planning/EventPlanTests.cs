using PinterestPipeline.Emitter.Planning;

namespace PinterestPipeline.Emitter.Tests.Planning;

public sealed class EventPlanTests
{
    private static readonly TimeSpan TwoSeconds = TimeSpan.FromSeconds(2);

    [Fact]
    public void Seed_100_draws_the_course_scripts_offsets()
    {
        // user_posting_emulation.py: random.seed(100); loop { sleep(random.uniform(0, 2)); randint(0, 11000) }.
        var plan = new EventPlan(100, 11000, TimeSpan.Zero, TwoSeconds, count: 1000);

        var offsets = Drain(plan).Select(e => e.Offset).ToArray();

        Assert.Equal([7453L, 2863, 5730, 1801, 1313, 4315, 10608, 5494], offsets[..8]);
        Assert.Equal([9438L, 7287, 7895, 10185, 2199], offsets[995..]);
    }

    [Fact]
    public void The_same_seed_gives_the_same_events_on_every_run()
    {
        var first = Drain(new EventPlan(42, 11000, TimeSpan.Zero, TwoSeconds, 500));
        var second = Drain(new EventPlan(42, 11000, TimeSpan.Zero, TwoSeconds, 500));
        var other = Drain(new EventPlan(43, 11000, TimeSpan.Zero, TwoSeconds, 500));

        Assert.Equal(first, second);
        Assert.NotEqual(first.Select(e => e.Offset), other.Select(e => e.Offset));
    }

    [Fact]
    public void Offsets_and_delays_stay_in_their_ranges_and_count_bounds_the_plan()
    {
        var min = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromMilliseconds(300);

        var events = Drain(new EventPlan(7, 10, min, max, 2000));

        Assert.Equal(2000, events.Count);
        Assert.Equal(Enumerable.Range(1, 2000).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.InRange(e.Offset, 0, 10));
        Assert.All(events, e => Assert.InRange(e.Delay, min, max));
        Assert.Equal(11, events.Select(e => e.Offset).Distinct().Count());
    }

    [Fact]
    public void Concurrent_callers_share_one_sequence()
    {
        var plan = new EventPlan(100, 11000, TimeSpan.Zero, TwoSeconds, 4000);
        var drawn = new System.Collections.Concurrent.ConcurrentBag<PlannedEvent>();

        Parallel.For(0, 8, _ =>
        {
            while (plan.TryNext(out var next))
            {
                drawn.Add(next);
            }
        });

        var expected = Drain(new EventPlan(100, 11000, TimeSpan.Zero, TwoSeconds, 4000));
        Assert.Equal(expected, drawn.OrderBy(e => e.Sequence));
    }

    private static List<PlannedEvent> Drain(EventPlan plan)
    {
        var events = new List<PlannedEvent>();
        while (plan.TryNext(out var next))
        {
            events.Add(next);
        }

        return events;
    }
}
