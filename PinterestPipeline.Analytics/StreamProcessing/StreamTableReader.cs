using System.Globalization;
using DuckDB.NET.Data;
using PinterestPipeline.Analytics.Warehouse;

namespace PinterestPipeline.Analytics.StreamProcessing;

/// <summary>Reads the stream tables for the API: counts, the newest rows, and pages of rows in commit order (the seed's columns only).</summary>
public sealed class StreamTableReader(AnalyticsWarehouse warehouse)
{
    /// <summary>How far back "rows in the last minute" looks, by the rows' arrival time.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromMinutes(1);

    private static readonly string SeedColumns = $"* EXCLUDE ({string.Join(", ", StreamTable.MetadataColumns)})";

    /// <summary>What the API shows of one table: its counts and newest rows (newest first), as JSON.</summary>
    public sealed record Summary(long Rows, long RowsLastMinute, long Rejected, IReadOnlyList<string> Columns, string LastRowsJson);

    /// <summary>One page of a table, oldest first.</summary>
    public sealed record Page(long Total, IReadOnlyList<string> Columns, string RowsJson);

    public async Task<IReadOnlyList<Summary>> SummarizeAsync(IReadOnlyList<StreamTable> tables, int lastRows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        var rejected = new Dictionary<string, long>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT stream, count(*) FROM stream_rejected GROUP BY stream";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rejected[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var summaries = new List<Summary>();
        foreach (var table in tables)
        {
            long rows, recent;
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT count(*), count(*) FILTER (WHERE _arrival_time >= $since) FROM \"{table.Name}\"";
                command.Parameters.Add(new DuckDBParameter("since", (now - RecentWindow).UtcDateTime));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                (rows, recent) = (reader.GetInt64(0), reader.GetInt64(1));
            }

            // _row is dense, so the newest rows are a range of it: a scan of the table's last row group, not a sort of all of it.
            var (columns, json) = await ReadRowsAsync(connection, $"SELECT {SeedColumns} FROM \"{table.Name}\" WHERE _row >= $from ORDER BY _row DESC",
                [new DuckDBParameter("from", rows - lastRows)], cancellationToken);
            summaries.Add(new Summary(rows, recent, rejected.GetValueOrDefault(table.Stream), columns, json));
        }

        return summaries;
    }

    /// <summary>The rows whose <c>_row</c> is from <paramref name="offset"/> on, at most <paramref name="limit"/> of them, in commit order.</summary>
    public async Task<Page> PageAsync(StreamTable table, long offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        long total;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT count(*) FROM \"{table.Name}\"";
            total = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        // _row numbers the rows 0, 1, 2, ... in commit order, so a page is a range of it (the min/max index skips the rest).
        var (columns, json) = await ReadRowsAsync(connection,
            $"SELECT {SeedColumns} FROM \"{table.Name}\" WHERE _row >= $offset AND _row < $end ORDER BY _row",
            [new DuckDBParameter("offset", offset), new DuckDBParameter("end", offset > long.MaxValue - limit ? long.MaxValue : offset + limit)], cancellationToken);
        return new Page(total, columns, json);
    }

    private static async Task<(IReadOnlyList<string> Columns, string Json)> ReadRowsAsync(
        DuckDBConnection connection, string sql, DuckDBParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        return (columns, await RowsJson.ReadAsync(reader, cancellationToken));
    }
}
