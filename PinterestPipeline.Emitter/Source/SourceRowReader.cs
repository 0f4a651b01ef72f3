using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;
using PinterestPipeline.Emitter.Configuration;
using PinterestPipeline.Emitter.Posting;
using PinterestPipeline.Emitter.Worker;
using PinterestPipeline.ServiceDefaults.Pipeline;
using Polly;
using Polly.Retry;

namespace PinterestPipeline.Emitter.Source;

/// <summary>
/// Reads the three rows of an event over one pooled connection in one round trip, waiting out database outages
/// with exponential backoff for as long as it takes (the caller's token ends the wait).
/// </summary>
public sealed class SourceRowReader : IDisposable
{
    private static readonly string[] KeyParameters = [.. SourceTable.All.Select((_, i) => $"@key{i}")];

    private static readonly string RowsAtOffsetSql = string.Join(";\n", SourceTable.All.Select(RowAtOffsetSql));

    private static readonly string RowsWithKeysSql = string.Join(";\n", SourceTable.All.Select((t, i) => RowWithKeySql(t, KeyParameters[i])));

    private static readonly string MinRowCountSql =
        "SELECT LEAST(" + string.Join(", ", SourceTable.All.Select(t => $"(SELECT COUNT(*) FROM `{t.Name}`)")) + ")";

    private readonly MySqlDataSource dataSource;
    private readonly IPostTarget target;
    private readonly ResiliencePipeline pipeline;
    private readonly KeyIndex? keyIndex;

    /// <param name="target">Says which JSON dialect the rows are written in, so they are ready to send.</param>
    public SourceRowReader(MySqlDataSource dataSource, IPostTarget target, IOptions<EmitterOptions> options, EmitterStats stats, TimeProvider timeProvider, ILogger<SourceRowReader> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.dataSource = dataSource;
        this.target = target;
        keyIndex = options.Value.RowLookup == RowLookup.KeyIndex ? new KeyIndex(timeProvider, options.Value.KeyIndexRefreshInterval, options.Value.KeyIndexCheckInterval) : null;
        var retry = options.Value.Retry;
        pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(DatabaseFaults.IsTransient),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxBackoff,
                OnRetry = args =>
                {
                    stats.DatabaseRetried();
                    EmitterLog.DatabaseRetry(logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>The rows at position <paramref name="offset"/> of each table (see <see cref="RowAtOffsetSql"/>).</summary>
    public async Task<EventRows> ReadAsync(long offset, CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(static (state, token) => state.Self.ReadOnceAsync(state.Offset, token), (Self: this, Offset: offset), cancellationToken);

    /// <summary>The smallest row count of the three tables, so that every offset up to it minus one finds a row in each.</summary>
    public async Task<long> MinRowCountAsync(CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(static async (self, token) =>
        {
            await using var connection = await self.dataSource.OpenConnectionAsync(token);
            await using var command = new MySqlCommand(MinRowCountSql, connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(token), System.Globalization.CultureInfo.InvariantCulture);
        }, this, cancellationToken);

    public void Dispose() => keyIndex?.Dispose();

    private async ValueTask<EventRows> ReadOnceAsync(long offset, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (keyIndex is null)
        {
            await using var command = new MySqlCommand(RowsAtOffsetSql, connection);
            command.Parameters.AddWithValue("@offset", offset);
            var (rows, missing) = await ReadResultSetsAsync(command, SourceTable.All, target, cancellationToken);
            return new EventRows(offset, rows, missing);
        }

        for (var attempt = 1; ; attempt++)
        {
            var keys = await keyIndex.KeysAtAsync(connection, offset, cancellationToken);
            var complete = Array.TrueForAll(keys, k => k is not null);
            IReadOnlyList<SourceTable> tables = complete ? SourceTable.All : [.. SourceTable.All.Where((_, i) => keys[i] is not null)];
            List<SourceTable> pastEnd = complete ? [] : [.. SourceTable.All.Where((_, i) => keys[i] is null)];
            if (tables.Count == 0)
            {
                return new EventRows(offset, [], pastEnd);
            }

            // The common case, every table has the position, is one statement text for every event.
            var sql = complete ? RowsWithKeysSql : string.Join(";\n", tables.Select((t, i) => RowWithKeySql(t, KeyParameters[i])));
            await using var command = new MySqlCommand(sql, connection);
            var bound = 0;
            foreach (var key in keys)
            {
                if (key is not null)
                {
                    command.Parameters.AddWithValue(KeyParameters[bound++], key.Value);
                }
            }

            var (rows, missing) = await ReadResultSetsAsync(command, tables, target, cancellationToken);
            if (missing.Count > 0 && attempt == 1)
            {
                // A key the index holds is gone: the table changed, so the positions may have moved too.
                keyIndex.Invalidate();
                continue;
            }

            return complete && missing.Count == 0
                ? new EventRows(offset, rows, [])
                : new EventRows(offset, rows, [.. SourceTable.All.Where(t => pastEnd.Contains(t) || missing.Contains(t))]);
        }
    }

    private static async Task<(List<SourceRow> Rows, List<SourceTable> Missing)> ReadResultSetsAsync(
        MySqlCommand command, IReadOnlyList<SourceTable> tables, IPostTarget target, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<SourceRow>(tables.Count);
        var missing = new List<SourceTable>();
        using var writer = target.CreateRowWriter();
        for (var i = 0; i < tables.Count; i++)
        {
            var table = tables[i];
            if (i > 0 && !await reader.NextResultAsync(cancellationToken))
            {
                throw new InvalidOperationException($"The server returned no result set for {table.Name}.");
            }

            if (await reader.ReadAsync(cancellationToken))
            {
                RowJsonWriter.WriteRow(writer, reader);
                rows.Add(new SourceRow(table, writer.TakeWritten()));
            }
            else
            {
                missing.Add(table);
            }
        }

        return (rows, missing);
    }

    /// <summary>
    /// The row at position <c>@offset</c>: the original's <c>LIMIT offset, 1</c> with an explicit order, since without
    /// ORDER BY the server may return any row. Ordering by the key keeps the three tables aligned (the same offset gives
    /// <c>index == ind</c>) and stays correct when keys have gaps: position N is the (N+1)-th smallest key, not key N.
    /// </summary>
    internal static string RowAtOffsetSql(SourceTable table) => $"SELECT * FROM `{table.Name}` ORDER BY `{table.KeyColumn}` LIMIT 1 OFFSET @offset";

    /// <summary>The row of <paramref name="table"/> whose key is the value of <paramref name="parameter"/>.</summary>
    private static string RowWithKeySql(SourceTable table, string parameter) => $"SELECT * FROM `{table.Name}` WHERE `{table.KeyColumn}` = {parameter}";
}
