using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PinterestPipeline.RestProxy.Idempotency;
using PinterestPipeline.RestProxy.Produce;
using PinterestPipeline.ServiceDefaults.Pipeline;
using static PinterestPipeline.RestProxy.Idempotency.IdempotencyKeys;

namespace PinterestPipeline.RestProxy.Tests.Idempotency;

public sealed class IdempotencyKeysTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void A_key_produced_once_is_answered_with_its_results_and_other_topics_do_not_share_it()
    {
        var keys = Keys();
        var claim = keys.Begin("t", "k", 1);
        Assert.Equal(ClaimKind.Produce, claim.Kind);
        keys.Complete("t", "k", claim, [Landed(2, 7)]);

        var again = keys.Begin("t", "k", 1);

        Assert.Equal(ClaimKind.Replay, again.Kind);
        Assert.Equal([Landed(2, 7)], again.Results!);
        Assert.Equal(ClaimKind.Produce, keys.Begin("other", "k", 1).Kind);
    }

    [Fact]
    public void A_request_in_flight_makes_its_repeat_wait_and_then_replay()
    {
        var keys = Keys();
        var first = keys.Begin("t", "k", 1);

        var second = keys.Begin("t", "k", 1);
        Assert.Equal(ClaimKind.Wait, second.Kind);
        Assert.False(second.InFlight!.IsCompleted);
        keys.Complete("t", "k", first, [Landed(0, 1)]);

        Assert.True(second.InFlight.IsCompleted);
        Assert.Equal([Landed(0, 1)], keys.Begin("t", "k", 1).Results!);
    }

    [Fact]
    public void A_request_with_a_failed_record_or_an_exception_leaves_no_key_so_its_retry_is_produced()
    {
        var keys = Keys();
        var failed = keys.Begin("t", "a", 2);
        keys.Complete("t", "a", failed, [Landed(0, 1), new PartitionOffset(null, null, 50003, "timed out")]);
        var thrown = keys.Begin("t", "b", 1);
        var waiting = keys.Begin("t", "b", 1);
        keys.Abandon("t", "b", thrown);

        Assert.Equal(ClaimKind.Produce, keys.Begin("t", "a", 2).Kind);
        Assert.True(waiting.InFlight!.IsCompleted);
        Assert.Equal(ClaimKind.Produce, keys.Begin("t", "b", 1).Kind);
    }

    [Fact]
    public void A_key_reused_with_another_record_count_is_a_conflict()
    {
        var keys = Keys();
        keys.Complete("t", "k", keys.Begin("t", "k", 1), [Landed(0, 0)]);

        var claim = keys.Begin("t", "k", 3);

        Assert.Equal((ClaimKind.Conflict, 1), (claim.Kind, claim.Count));
    }

    [Fact]
    public void Keys_are_forgotten_after_the_window_or_past_the_maximum_count_oldest_first_but_not_while_in_flight()
    {
        var keys = Keys(window: TimeSpan.FromMinutes(1), maxKeys: 2);
        keys.Complete("t", "old", keys.Begin("t", "old", 1), [Landed(0, 0)]);
        var inFlight = keys.Begin("t", "busy", 1);
        time.Advance(TimeSpan.FromSeconds(30));
        keys.Complete("t", "new", keys.Begin("t", "new", 1), [Landed(0, 1)]);

        // Three keys for a maximum of two: the oldest finished one goes, the one in flight stays.
        Assert.Equal(ClaimKind.Replay, keys.Begin("t", "new", 1).Kind);
        Assert.Equal(ClaimKind.Wait, keys.Begin("t", "busy", 1).Kind);
        keys.Complete("t", "busy", inFlight, [Landed(0, 2)]);
        Assert.Equal(ClaimKind.Produce, keys.Begin("t", "old", 1).Kind);

        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(ClaimKind.Produce, keys.Begin("t", "new", 1).Kind);
    }

    [Fact]
    public void Keys_read_from_the_log_replay_once_every_record_of_their_request_is_read()
    {
        var keys = Keys();
        keys.Learn("t", "one", 0, 1, 4, 40);
        keys.Learn("t", "three", 2, 3, 1, 12);
        keys.Learn("t", "three", 0, 3, 0, 10);

        Assert.Equal([Landed(4, 40)], keys.Begin("t", "one", 1).Results!);
        keys.Learn("t", "three", 1, 3, 2, 11);
        Assert.Equal([Landed(0, 10), Landed(2, 11), Landed(1, 12)], keys.Begin("t", "three", 3).Results!);
    }

    [Fact]
    public void A_request_read_back_only_in_part_is_produced_again_and_reading_its_own_records_changes_nothing()
    {
        var keys = Keys();
        keys.Learn("t", "part", 0, 2, 0, 5);

        var claim = keys.Begin("t", "part", 2);
        Assert.Equal(ClaimKind.Produce, claim.Kind);
        keys.Learn("t", "part", 1, 2, 0, 6);
        keys.Complete("t", "part", claim, [Landed(0, 8), Landed(0, 9)]);
        keys.Learn("t", "part", 0, 2, 0, 8);

        Assert.Equal([Landed(0, 8), Landed(0, 9)], keys.Begin("t", "part", 2).Results!);
    }

    private static PartitionOffset Landed(int partition, long offset) => new(partition, offset, null, null);

    private IdempotencyKeys Keys(TimeSpan? window = null, int maxKeys = 1000) =>
        new(Options.Create(new RestProxyOptions { IdempotencyWindow = window ?? TimeSpan.FromMinutes(10), IdempotencyMaxKeys = maxKeys }), time);
}
