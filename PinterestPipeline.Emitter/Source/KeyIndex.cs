using MySqlConnector;

namespace PinterestPipeline.Emitter.Source;

/// <summary>
/// The keys of each source table in key order, so that position N is <c>keys[N]</c>: the same row as
/// <c>ORDER BY key LIMIT 1 OFFSET N</c>, found by a primary-key lookup. Thread-safe; reloaded when older than the
/// refresh interval or when <see cref="Invalidate"/> says a cached key has vanished.
/// </summary>
public sealed class KeyIndex(TimeProvider timeProvider, TimeSpan refreshInterval) : IDisposable
{
    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile Snapshot? current;

    /// <summary>The keys at <paramref name="offset"/> per table (null past a table's end), loading them first if needed.</summary>
    public async Task<long?[]> KeysAtAsync(MySqlConnection connection, long offset, CancellationToken cancellationToken)
    {
        var snapshot = current;
        if (snapshot is null || timeProvider.GetElapsedTime(snapshot.LoadedAt) >= refreshInterval)
        {
            snapshot = await LoadAsync(connection, snapshot, cancellationToken);
        }

        return [.. snapshot.Keys.Select(keys => offset < keys.Length ? keys[offset] : (long?)null)];
    }

    /// <summary>Drops the cache so the next read loads the keys again (a key it held is gone from its table).</summary>
    public void Invalidate() => current = null;

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

            var loadedAt = timeProvider.GetTimestamp();
            var keys = new long[SourceTable.All.Count][];
            for (var i = 0; i < keys.Length; i++)
            {
                var table = SourceTable.All[i];
                await using var command = new MySqlCommand($"SELECT `{table.KeyColumn}` FROM `{table.Name}` ORDER BY `{table.KeyColumn}`", connection);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var list = new List<long>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    list.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
                }

                keys[i] = [.. list];
            }

            var snapshot = new Snapshot(keys, loadedAt);
            current = snapshot;
            return snapshot;
        }
        finally
        {
            loading.Release();
        }
    }

    public void Dispose() => loading.Dispose();

    private sealed record Snapshot(long[][] Keys, long LoadedAt);
}
