using System.Diagnostics;

namespace PinterestPipeline.TestSupport.Tests;

public sealed class EventuallyTests
{
    [Fact]
    public async Task A_condition_already_true_returns_after_one_check_without_waiting()
    {
        var checks = 0;
        var clock = Stopwatch.StartNew();

        await Eventually.TrueAsync(() => ++checks > 0, TimeSpan.FromSeconds(30), "never", TimeSpan.FromSeconds(10));

        Assert.Equal(1, checks);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_condition_that_becomes_true_returns_well_before_the_timeout()
    {
        var checks = 0;
        var clock = Stopwatch.StartNew();

        await Eventually.TrueAsync(() => ++checks == 3, TimeSpan.FromSeconds(30), "the third check", TimeSpan.FromMilliseconds(10));

        Assert.Equal(3, checks);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_condition_never_true_times_out_with_the_description_and_the_time_waited()
    {
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            Eventually.TrueAsync(() => false, TimeSpan.FromMilliseconds(200), "the answer to be 42", TimeSpan.FromMilliseconds(10)));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(200), $"gave up after {clock.Elapsed}");
        Assert.Contains("the answer to be 42", error.Message, StringComparison.Ordinal);
        Assert.Contains("within 0.2 s", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"waited \d+\.\d s", error.Message);
    }

    [Fact]
    public async Task A_description_function_is_computed_when_the_wait_times_out()
    {
        var state = "starting";
        var waiting = Eventually.TrueAsync(() => false, TimeSpan.FromMilliseconds(200), () => $"state {state}", TimeSpan.FromMilliseconds(10));
        state = "stuck";

        var error = await Assert.ThrowsAsync<TimeoutException>(() => waiting);

        Assert.Contains("state stuck", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_async_condition_is_awaited_at_each_check()
    {
        var checks = 0;

        await Eventually.TrueAsync(
            async () =>
            {
                await Task.Yield();
                return ++checks == 4;
            },
            TimeSpan.FromSeconds(30),
            "the fourth check",
            TimeSpan.FromMilliseconds(10));

        Assert.Equal(4, checks);
    }

    [Fact]
    public async Task Reached_returns_the_value_that_was_accepted()
    {
        var next = 0;

        var value = await Eventually.ReachedAsync(() => Task.FromResult(++next * 10), v => v >= 30, TimeSpan.FromSeconds(30), v => $"last {v}", TimeSpan.FromMilliseconds(10));

        Assert.Equal(30, value);
    }

    [Fact]
    public async Task Reached_times_out_with_the_last_value_in_the_message()
    {
        var next = 0;

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            Eventually.ReachedAsync(() => Task.FromResult(++next), _ => false, TimeSpan.FromMilliseconds(100), v => $"last value {v}", TimeSpan.FromMilliseconds(10)));

        Assert.Contains($"last value {next}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_stops_the_wait_before_its_timeout()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Eventually.TrueAsync(() => false, TimeSpan.FromSeconds(30), "never", TimeSpan.FromMilliseconds(10), cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_infinite_timeout_waits_until_the_condition_holds()
    {
        var checks = 0;

        await Eventually.TrueAsync(() => ++checks == 5, Timeout.InfiniteTimeSpan, "the fifth check", TimeSpan.FromMilliseconds(1));

        Assert.Equal(5, checks);
    }

    [Fact]
    public async Task An_exception_from_the_condition_is_not_caught()
    {
        Func<bool> broken = () => throw new InvalidOperationException("broken");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Eventually.TrueAsync(broken, TimeSpan.FromSeconds(30), "never"));
    }
}
