using System.Diagnostics;
using System.Globalization;

namespace PinterestPipeline.TestSupport;

/// <summary>
/// Polls until a condition holds, for work that happens in the background (a service, a consumer, an exporter).
/// The condition is checked first, then the deadline, then it waits one interval; a timeout throws
/// <see cref="TimeoutException"/> with the description (computed at that moment when it is a function) and the time
/// waited. Exceptions from the condition are not caught.
/// </summary>
public static class Eventually
{
    /// <summary>The interval between two checks unless told otherwise.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(50);

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string description, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, () => description, pollInterval, cancellationToken);

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> description, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, description, pollInterval, cancellationToken);

    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string description, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default) =>
        TrueAsync(condition, timeout, () => description, pollInterval, cancellationToken);

    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> description, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default) =>
        ReachedAsync(condition, done => done, timeout, _ => description(), pollInterval, cancellationToken);

    /// <summary>
    /// Probes until <paramref name="done"/> accepts the value and returns that value; on timeout the description
    /// gets the last value probed.
    /// </summary>
    public static async Task<T> ReachedAsync<T>(
        Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, Func<T, string> description, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(description);
        var interval = pollInterval ?? DefaultPollInterval;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (timeout != Timeout.InfiniteTimeSpan && clock.Elapsed >= timeout)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"Not reached within {timeout.TotalSeconds:0.###} s (waited {clock.Elapsed.TotalSeconds:0.0} s): {description(value)}"));
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    public static Task<T> ReachedAsync<T>(
        Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string description, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default) =>
        ReachedAsync(probe, done, timeout, _ => description, pollInterval, cancellationToken);
}
