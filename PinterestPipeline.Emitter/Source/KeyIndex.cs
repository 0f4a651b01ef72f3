using System.Data;
using System.Globalization;
using MySqlConnector;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Emitter.Source;

/// <summary>
/// The keys of each source table in key order, so that position N is <c>keys[N]</c>: the same row as
/// <c>ORDER BY key LIMIT 1 OFFSET N</c>, found by a primary-key lookup. Thread-safe.
/// <para>
/// The cache can only go wrong when a table's set of keys changes (a row inserted or deleted, a key updated): an
/// update of other columns is read as it is by the lookup. So the index keeps, beside the keys, each table's key
/// signature (<see cref="SignatureSql"/>: row count, sum of the keys and the XOR of their CRC32s, read in the same
/// snapshot as the keys) and compares it with the tables' at most every <c>checkInterval</c> (on the read that finds
/// the last check older than that), and whenever an offset lies past a cached table's end; a different signature, a
/// cached key that has vanished (<see cref="Invalidate"/>), or <c>refreshInterval</c> passing makes it read the keys
/// again before the read goes on. A change is thus seen by the first read that starts <c>checkInterval</c> after it.
/// </para>
/// </summary>
public sealed class KeyIndex(TimeProvider timeProvider, TimeSpan refreshInterval, TimeSpan checkInterval) : IDisposable
{
    /// <summary>One row per table, in <see cref="SourceTable.All"/>'s order: what changes when its set of keys does.</summary>
    public static readonly string SignatureSql = string.Join(" UNION ALL ", SourceTable.All.Select(t =>
        $"SELECT COUNT(*), COALESCE(SUM(`{t.KeyColumn}`), 0), COALESCE(BIT_XOR(CRC32(`{t.KeyColumn}`)), 0) FROM `{t.Name}`"));

    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile Snapshot? current;
    private long checks;
    private long reloads;

    /// <summary>How many times the signatures were compared with the tables'.</summary>
    public long Checks => Interlocked.Read(ref checks);

    /// <summary>How many times the keys were read (the first load included).</summary>
    public long Loads => Interlocked.Read(ref reloads);

    /// <summary>The keys at <paramref name="offset"/> per table (null past a table's end), loading or checking them first if due.</summary>
    public async Task<long?[]> KeysAtAsync(MySqlConnection connection, long offset, CancellationToken cancellationToken)
    {
        var snapshot = current;
        if (snapshot is null || timeProvider.GetElapsedTime(snapshot.LoadedAt) >= refreshInterval)
        {
            snapshot = await LoadAsync(connection, snapshot, cancellationToken);
        }
        else if (snapshot.Keys.Any(keys => offset >= keys.Length))
        {
            // Past a cached end: rows may have been added since, so this read waits for a check.
            snapshot = await CheckAsync(connection, snapshot, wait: true, cancellationToken);
        }
        else if (timeProvider.GetElapsedTime(Volatile.Read(ref snapshot.CheckedAt)) >= checkInterval)
        {
            // Due: one read checks; the others go on with the snapshot while it does.
            snapshot = await CheckAsync(connection, snapshot, wait: false, cancellationToken);
        }

        var result = new long?[snapshot.Keys.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var keys = snapshot.Keys[i];
            result[i] = offset < keys.Length ? keys[offset] : null;
        }

        return result;
    }

    /// <summary>Drops the cache so the next read loads the keys again (a key it held is gone from its table).</summary>
    public void Invalidate() => current = null;

    public void Dispose() => loading.Dispose();

    private async Task<Snapshot> CheckAsync(MySqlConnection connection, Snapshot seen, bool wait, CancellationToken cancellationToken)
    {
        if (!wait && !await loading.WaitAsync(0, cancellationToken))
        {
            return seen;
        }

        if (wait)
        {
            await loading.WaitAsync(cancellationToken);
        }

        try
        {
            if (current is { } fresh && !ReferenceEquals(fresh, seen))
            {
                // Another reader loaded while this one waited.
                return fresh;
            }

            var checkedAt = timeProvider.GetTimestamp();
            Interlocked.Increment(ref checks);
            var signatures = await ReadSignaturesAsync(connection, cancellationToken);
            if (signatures.AsSpan().SequenceEqual(seen.Signatures))
            {
                Volatile.Write(ref seen.CheckedAt, checkedAt);
                return seen;
            }

            return await LoadLockedAsync(connection, cancellationToken);
        }
        finally
        {
            loading.Release();
        }
    }

    private async Task<Snapshot> LoadAsync(MySqlConnection connection, Snapshot? seen, CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            // Another reader may have loaded while this one waited.
            if (current is { } fresh && !ReferenceEquals(fresh, seen) && timeProvider.GetElapsedTime(fresh.LoadedAt) < refreshInterval)
            {
                return fresh;
            }

            return await LoadLockedAsync(connection, cancellationToken);
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>The keys and their signatures in one repeatable-read snapshot, so the signatures are exactly the keys'.</summary>
    private async Task<Snapshot> LoadLockedAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var loadedAt = timeProvider.GetTimestamp();
        Interlocked.Increment(ref reloads);
        var keys = new long[SourceTable.All.Count][];
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        for (var i = 0; i < keys.Length; i++)
        {
            var table = SourceTable.All[i];
            await using var command = new MySqlCommand($"SELECT `{table.KeyColumn}` FROM `{table.Name}` ORDER BY `{table.KeyColumn}`", connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var list = new List<long>();
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
            }

            keys[i] = [.. list];
        }

        var signatures = await ReadSignaturesAsync(connection, cancellationToken, transaction);
        await transaction.CommitAsync(cancellationToken);
        var snapshot = new Snapshot(keys, signatures, loadedAt);
        current = snapshot;
        return snapshot;
    }

    private static async Task<string[]> ReadSignaturesAsync(MySqlConnection connection, CancellationToken cancellationToken, MySqlTransaction? transaction = null)
    {
        await using var command = new MySqlCommand(SignatureSql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var signatures = new List<string>(SourceTable.All.Count);
        while (await reader.ReadAsync(cancellationToken))
        {
            signatures.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetValue(0)}/{reader.GetValue(1)}/{reader.GetValue(2)}"));
        }

        return [.. signatures];
    }

    private sealed class Snapshot(long[][] keys, string[] signatures, long loadedAt)
    {
        public long[][] Keys { get; } = keys;

        public string[] Signatures { get; } = signatures;

        public long LoadedAt { get; } = loadedAt;

        /// <summary>When the signatures last matched the tables' (a timestamp of the time provider).</summary>
        public long CheckedAt = loadedAt;
    }
}
