using Microsoft.Extensions.Options;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.RestProxy.Idempotency;

/// <summary>
/// The keys of recent keyed requests per topic and where their records landed: a repeated key is answered with the
/// original offsets. A key is kept for <see cref="RestProxyOptions.IdempotencyWindow"/> after it was produced (or read
/// back from the log) and while fewer than <see cref="RestProxyOptions.IdempotencyMaxKeys"/> newer keys are held; a
/// request whose records did not all reach the broker leaves no key, so its retry produces it again.
/// </summary>
public sealed class IdempotencyKeys(IOptions<RestProxyOptions> options, TimeProvider time)
{
    private readonly Dictionary<(string Topic, string Key), Entry> entries = [];
    private readonly Queue<(string Topic, string Key, Entry Entry)> order = new();
    private readonly TimeSpan window = options.Value.IdempotencyWindow;
    private readonly int maxKeys = options.Value.IdempotencyMaxKeys;

    /// <summary>How many keys are held (for tests and metrics).</summary>
    public int Count
    {
        get
        {
            lock (entries)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>
    /// What to do with a request of <paramref name="count"/> records carrying <paramref name="key"/>: produce it (the
    /// caller then owns the claim and must <see cref="Complete"/> or <see cref="Abandon"/> it), answer with earlier
    /// results, wait for the same key's request in flight, or refuse a key used for a request of another size.
    /// </summary>
    public Claim Begin(string topic, string key, int count)
    {
        lock (entries)
        {
            Expire();
            if (entries.TryGetValue((topic, key), out var entry))
            {
                if (entry.Count != count)
                {
                    return new Claim(ClaimKind.Conflict, entry.Count, null, null, null);
                }

                if (entry.Results is { } results)
                {
                    return new Claim(ClaimKind.Replay, count, results, null, null);
                }

                if (entry.InFlight is { } inFlight)
                {
                    return new Claim(ClaimKind.Wait, count, null, inFlight.Task, null);
                }

                // Part of a request read back from the log: the rest of its records are not there (yet), so it is
                // produced again whole, as a request that failed part-way would be.
                entries.Remove((topic, key));
            }

            var owned = new Entry(count) { InFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
            Add(topic, key, owned);
            return new Claim(ClaimKind.Produce, count, null, null, owned);
        }
    }

    /// <summary>The owner's request was answered with <paramref name="results"/>; the key is kept only if every record landed.</summary>
    public void Complete(string topic, string key, Claim claim, PartitionOffset[] results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var entry = claim.Owned ?? throw new InvalidOperationException("Only the claim that produces completes it.");
        lock (entries)
        {
            if (results.All(r => r.ErrorCode is null))
            {
                entry.Results = results;
                entry.Stamp = time.GetTimestamp();
            }
            else if (entries.TryGetValue((topic, key), out var held) && ReferenceEquals(held, entry))
            {
                entries.Remove((topic, key));
            }
        }

        entry.InFlight!.TrySetResult();
    }

    /// <summary>The owner's request ended without an answer (an exception): the key is dropped and waiters try again.</summary>
    public void Abandon(string topic, string key, Claim claim)
    {
        var entry = claim.Owned ?? throw new InvalidOperationException("Only the claim that produces abandons it.");
        lock (entries)
        {
            if (entries.TryGetValue((topic, key), out var held) && ReferenceEquals(held, entry))
            {
                entries.Remove((topic, key));
            }
        }

        entry.InFlight!.TrySetResult();
    }

    /// <summary>
    /// A record read from the log: record <paramref name="index"/> of <paramref name="count"/> of the request with
    /// <paramref name="key"/> landed at <paramref name="partition"/>/<paramref name="offset"/>. Keys this proxy holds
    /// already (its own records, read back) are left as they are.
    /// </summary>
    public void Learn(string topic, string key, int index, int count, int partition, long offset)
    {
        lock (entries)
        {
            if (!entries.TryGetValue((topic, key), out var entry))
            {
                entry = new Entry(count) { Parts = new PartitionOffset?[count] };
                Add(topic, key, entry);
            }

            if (entry.Parts is not { } parts || entry.Count != count || parts[index] is not null)
            {
                return;
            }

            parts[index] = new PartitionOffset(partition, offset, null, null);
            if (++entry.PartsFound == count)
            {
                entry.Results = [.. parts.Select(p => p!)];
                entry.Parts = null;
            }
        }
    }

    private void Add(string topic, string key, Entry entry)
    {
        entry.Stamp = time.GetTimestamp();
        entries[(topic, key)] = entry;
        order.Enqueue((topic, key, entry));
    }

    /// <summary>Drops keys past the window or over the count, oldest first; a request in flight keeps its key.</summary>
    private void Expire()
    {
        for (var checkedEntries = order.Count; checkedEntries > 0 && order.Count > 0; checkedEntries--)
        {
            var (topic, key, entry) = order.Peek();
            var current = entries.TryGetValue((topic, key), out var held) && ReferenceEquals(held, entry);
            if (current && entries.Count <= maxKeys && time.GetElapsedTime(entry.Stamp) < window)
            {
                return;
            }

            order.Dequeue();
            if (!current)
            {
                continue;
            }

            if (entry.InFlight is { Task.IsCompleted: false })
            {
                order.Enqueue((topic, key, entry));
                continue;
            }

            entries.Remove((topic, key));
        }
    }

    public enum ClaimKind
    {
        Produce,
        Replay,
        Wait,
        Conflict,
    }

    /// <param name="Kind">What the caller does.</param>
    /// <param name="Count">The record count the key was first used with.</param>
    /// <param name="Results">For <see cref="ClaimKind.Replay"/>: the original answer.</param>
    /// <param name="InFlight">For <see cref="ClaimKind.Wait"/>: ends when the first request with the key is answered.</param>
    /// <param name="Owned">For <see cref="ClaimKind.Produce"/>: the caller's entry.</param>
    public readonly record struct Claim(ClaimKind Kind, int Count, PartitionOffset[]? Results, Task? InFlight, Entry? Owned);

    public sealed class Entry(int count)
    {
        public int Count { get; } = count;

        internal PartitionOffset[]? Results { get; set; }

        internal TaskCompletionSource? InFlight { get; init; }

        internal PartitionOffset?[]? Parts { get; set; }

        internal int PartsFound { get; set; }

        internal long Stamp { get; set; }
    }
}
