using System.Globalization;
using DuckDB.NET.Data;
using PinterestPipeline.Analytics.Warehouse;
using PinterestPipeline.ServiceDefaults.Streams;

namespace PinterestPipeline.Analytics.StreamProcessing;

/// <summary>
/// The stream job's part of the warehouse: the three stream tables, <c>stream_rejected</c> and <c>stream_positions</c>
/// (the checkpoint: per shard, the next offset the tables have not got and a fingerprint of the record before it).
/// A micro-batch's rows, its rejected records and the shards' new positions are written in one transaction, so the
/// positions always describe exactly the rows that are there, whenever the process is killed. Positions are appended
/// (a shard's position is its row with the highest offset): an upsert per shard costs DuckDB more than the rows
/// themselves. Every <see cref="CompactEvery"/> commits, the superseded ones are deleted in the same transaction.
/// </summary>
public sealed class StreamWarehouse(AnalyticsWarehouse warehouse)
{
    /// <summary>Bytes of a rejected record's data kept in <c>stream_rejected.data</c> (its full length is kept too).</summary>
    public const int KeptDataBytes = 4096;

    /// <summary>How many commits pass between deletions of superseded positions.</summary>
    public const int CompactEvery = 1000;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS stream_positions (
            stream VARCHAR NOT NULL, "partition" INTEGER NOT NULL, next_offset BIGINT NOT NULL, last_fingerprint UBIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS stream_rejected (
            stream VARCHAR NOT NULL, shard_id VARCHAR NOT NULL, sequence_number VARCHAR NOT NULL, partition_key VARCHAR,
            arrival_time TIMESTAMP NOT NULL, reason VARCHAR NOT NULL, data_length INTEGER NOT NULL, data BLOB NOT NULL);
        """;

    /// <summary>Creates the warehouse file and the tables that are missing.</summary>
    public async Task InitializeAsync(IReadOnlyList<StreamTable> tables, CancellationToken cancellationToken)
    {
        await warehouse.InitializeAsync(cancellationToken);
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, Schema + string.Concat(tables.Select(table => table.CreateSql + ";\n")), cancellationToken);
    }

    public Task<DuckDBConnection> OpenAsync(CancellationToken cancellationToken) => warehouse.OpenAsync(cancellationToken);

    /// <summary>The committed position of every shard: (stream, partition) → (next offset, fingerprint of the record before it).</summary>
    public static async Task<Dictionary<(string Stream, int Partition), (long Next, ulong Fingerprint)>> ReadPositionsAsync(
        DuckDBConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT stream, \"partition\", max(next_offset), arg_max(last_fingerprint, next_offset) FROM stream_positions GROUP BY ALL";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var positions = new Dictionary<(string, int), (long, ulong)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            positions[(reader.GetString(0), reader.GetInt32(1))] = (reader.GetInt64(2), reader.GetFieldValue<ulong>(3));
        }

        return positions;
    }

    /// <summary>The <c>_row</c> the table's next row gets: its row count, as rows are numbered from 0 without gaps.</summary>
    public static async Task<long> ReadNextRowAsync(DuckDBConnection connection, StreamTable table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT coalesce(max(_row) + 1, 0) FROM \"{table.Name}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Writes the batch in one transaction; <paramref name="nextRows"/> moves on only once it is committed.</summary>
    /// <param name="compact">Also deletes the positions that newer ones supersede.</param>
    internal static async Task CommitAsync(DuckDBConnection connection, StreamBatch batch, Dictionary<StreamTable, long> nextRows, bool compact)
    {
        var moved = new Dictionary<StreamTable, long>(nextRows);
        // Once the rows are in, the commit is not cancelled: a stop waits for it instead.
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        foreach (var (table, rows) in batch.Rows)
        {
            if (rows.Count == 0)
            {
                continue;
            }

            var next = moved[table];
            using (var appender = connection.CreateAppender(table.Name))
            {
                foreach (var row in rows)
                {
                    appender.CreateRow()
                        .AppendColumns(row.Row)
                        .AppendValue(next++)
                        .AppendValue(row.Shard.ShardId)
                        .AppendValue(SequenceNumber.Format(row.Shard.Partition.Partition.Value, row.Offset))
                        .AppendValue(row.ArrivalTime)
                        .EndRow();
                }

                appender.Close();
            }

            moved[table] = next;
        }

        if (batch.Rejected.Count > 0)
        {
            using var appender = connection.CreateAppender("stream_rejected");
            foreach (var rejected in batch.Rejected)
            {
                appender.CreateRow()
                    .AppendValue(rejected.Shard.Table.Stream)
                    .AppendValue(rejected.Shard.ShardId)
                    .AppendValue(SequenceNumber.Format(rejected.Shard.Partition.Partition.Value, rejected.Offset))
                    .AppendValue(rejected.PartitionKey)
                    .AppendValue(rejected.ArrivalTime)
                    .AppendValue(rejected.Reason)
                    .AppendValue(rejected.DataLength)
                    .AppendValue(rejected.Data)
                    .EndRow();
            }

            appender.Close();
        }

        using (var appender = connection.CreateAppender("stream_positions"))
        {
            foreach (var (shard, position) in batch.Positions)
            {
                appender.CreateRow()
                    .AppendValue(shard.Table.Stream).AppendValue(shard.Partition.Partition.Value).AppendValue(position.Next).AppendValue(position.Fingerprint)
                    .EndRow();
            }

            appender.Close();
        }

        if (compact)
        {
            await ExecuteAsync(connection, """
                DELETE FROM stream_positions p WHERE next_offset < (
                    SELECT max(next_offset) FROM stream_positions q WHERE q.stream = p.stream AND q."partition" = p."partition")
                """, CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        foreach (var (table, next) in moved)
        {
            nextRows[table] = next;
        }
    }

    /// <summary>
    /// Moves a table that holds another stream's rows aside, in one transaction: the table becomes
    /// <c>&lt;table&gt;_&lt;yyyyMMdd_HHmmss&gt;</c> (its rejected records go to <c>&lt;that&gt;_rejected</c>), an empty table takes
    /// its name, and the stream's positions are forgotten, so it is read again from its beginning.
    /// </summary>
    /// <returns>The archive's name.</returns>
    public static async Task<string> ArchiveAsync(DuckDBConnection connection, StreamTable table, DateTimeOffset now)
    {
        var archive = $"{table.Name}_{now.UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture)}";
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        await ExecuteAsync(connection, $"ALTER TABLE \"{table.Name}\" RENAME TO \"{archive}\"", CancellationToken.None);
        await ExecuteAsync(connection, table.CreateSql, CancellationToken.None);
        var parameters = new[] { new DuckDBParameter("stream", table.Stream) };
        await using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT count(*) FROM stream_rejected WHERE stream = $stream";
            count.Parameters.AddRange(parameters);
            if (Convert.ToInt64(await count.ExecuteScalarAsync(CancellationToken.None), CultureInfo.InvariantCulture) > 0)
            {
                await ExecuteAsync(connection, $"CREATE TABLE \"{archive}_rejected\" AS SELECT * FROM stream_rejected WHERE stream = $stream", CancellationToken.None, table.Stream);
            }
        }

        await ExecuteAsync(connection, "DELETE FROM stream_rejected WHERE stream = $stream", CancellationToken.None, table.Stream);
        await ExecuteAsync(connection, "DELETE FROM stream_positions WHERE stream = $stream", CancellationToken.None, table.Stream);
        await transaction.CommitAsync(CancellationToken.None);
        return archive;
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken, string? stream = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (stream is not null)
        {
            command.Parameters.Add(new DuckDBParameter("stream", stream));
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
