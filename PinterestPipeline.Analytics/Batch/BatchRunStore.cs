using System.Data.Common;
using System.Text.Json;
using DuckDB.NET.Data;
using PinterestPipeline.Analytics.Queries;
using PinterestPipeline.Analytics.Warehouse;

namespace PinterestPipeline.Analytics.Batch;

/// <summary>The run records (<c>batch_runs</c>) and each run's query answers (<c>batch_query_results</c>), all kept.</summary>
public sealed class BatchRunStore(AnalyticsWarehouse warehouse, TimeProvider timeProvider)
{
    private const string Columns =
        "id, \"trigger\", attempt, retry_of, status, started_at, ended_at, error, bucket, objects_read, records_read, " +
        "rejected_records, pin_added, geo_added, user_added, pin_rows, geo_rows, user_rows";

    /// <summary>Marks runs still <c>Running</c> in the file as failed: the process that ran them is gone.</summary>
    public async Task<int> FailInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        return await ExecuteAsync(
            connection,
            "UPDATE batch_runs SET status = 'Failed', ended_at = $now, error = $error WHERE status = 'Running'",
            [("now", Now()), ("error", "cut short: the service stopped (or was killed) during the run; what it had committed is kept and the next run goes on from there")],
            cancellationToken);
    }

    internal async Task<BatchRun> CreateAsync(BatchTrigger trigger, int attempt, long? retryOf, string bucket, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO batch_runs (id, \"trigger\", attempt, retry_of, status, started_at, bucket) " +
                              "VALUES (nextval('batch_run_ids'), $trigger, $attempt, $retry_of, 'Running', $now, $bucket) RETURNING " + Columns;
        command.Parameters.Add(new DuckDBParameter("trigger", trigger.ToString()));
        command.Parameters.Add(new DuckDBParameter("attempt", attempt));
        command.Parameters.Add(new DuckDBParameter("retry_of", (object?)retryOf ?? DBNull.Value));
        command.Parameters.Add(new DuckDBParameter("now", Now()));
        command.Parameters.Add(new DuckDBParameter("bucket", bucket));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Read(reader);
    }

    internal async Task SucceedAsync(long id, BatchRunResult result, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (queryId, rowsJson) in result.Answers)
        {
            await ExecuteAsync(
                connection, "INSERT INTO batch_query_results VALUES ($id, $query, $rows)", [("id", id), ("query", queryId), ("rows", rowsJson)], cancellationToken);
        }

        await ExecuteAsync(
            connection,
            "UPDATE batch_runs SET status = 'Succeeded', ended_at = $now, pin_rows = $pin, geo_rows = $geo, user_rows = $user WHERE id = $id",
            [("now", Now()), ("pin", result.Rows.Pin), ("geo", result.Rows.Geo), ("user", result.Rows.User), ("id", id)],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The counts of a run's commits, kept with them (in the commit's transaction), so a failed or running run shows them too.</summary>
    internal static Task AddProgressAsync(DuckDBConnection connection, long id, int objects, long records, long rejected, TableCounts added, CancellationToken cancellationToken) =>
        ExecuteAsync(
            connection,
            "UPDATE batch_runs SET objects_read = objects_read + $objects, records_read = records_read + $records, " +
            "rejected_records = rejected_records + $rejected, pin_added = pin_added + $pin, geo_added = geo_added + $geo, " +
            "user_added = user_added + $user WHERE id = $id",
            [("objects", objects), ("records", records), ("rejected", rejected), ("pin", added.Pin), ("geo", added.Geo), ("user", added.User), ("id", id)],
            cancellationToken);

    internal async Task FailAsync(long id, string error, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        await ExecuteAsync(
            connection,
            "UPDATE batch_runs SET status = 'Failed', ended_at = $now, error = $error WHERE id = $id",
            [("now", Now()), ("error", error), ("id", id)],
            cancellationToken);
    }

    /// <summary>Every run, newest first.</summary>
    public async Task<IReadOnlyList<BatchRun>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM batch_runs ORDER BY id DESC";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<BatchRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(Read(reader));
        }

        return runs;
    }

    /// <summary>One run with its answers (none unless it succeeded).</summary>
    public async Task<BatchRun?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        BatchRun run;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {Columns} FROM batch_runs WHERE id = $id";
            command.Parameters.Add(new DuckDBParameter("id", id));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            run = Read(reader);
        }

        var answers = new List<QueryAnswer>();
        foreach (var query in QueryCatalog.All)
        {
            if (await FindAnswerAsync(connection, id, query.Id, cancellationToken) is { } rows)
            {
                answers.Add(new QueryAnswer(query.Id, query.Question, query.Columns, JsonElement.Parse(rows)));
            }
        }

        return run with { Queries = answers };
    }

    /// <summary>The id of the newest run that succeeded, if any.</summary>
    public async Task<long?> LatestSucceededAsync(CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(id) FROM batch_runs WHERE status = 'Succeeded'";
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
    }

    /// <summary>A query's rows (a JSON array) in a run, or null when the run has no answer to it.</summary>
    public async Task<string?> FindAnswerAsync(long runId, string queryId, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        return await FindAnswerAsync(connection, runId, queryId, cancellationToken);
    }

    private static async Task<string?> FindAnswerAsync(DuckDBConnection connection, long runId, string queryId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT rows_json FROM batch_query_results WHERE run_id = $id AND query_id = $query";
        command.Parameters.Add(new DuckDBParameter("id", runId));
        command.Parameters.Add(new DuckDBParameter("query", queryId));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static BatchRun Read(DbDataReader reader) => new(
        Id: reader.GetInt64(0),
        Trigger: Enum.Parse<BatchTrigger>(reader.GetString(1)),
        Attempt: reader.GetInt32(2),
        RetryOf: reader.IsDBNull(3) ? null : reader.GetInt64(3),
        Status: Enum.Parse<BatchRunStatus>(reader.GetString(4)),
        StartedAt: Utc(reader.GetDateTime(5)),
        EndedAt: reader.IsDBNull(6) ? null : Utc(reader.GetDateTime(6)),
        Error: reader.IsDBNull(7) ? null : reader.GetString(7),
        Bucket: reader.IsDBNull(8) ? null : reader.GetString(8),
        ObjectsRead: reader.GetInt64(9),
        RecordsRead: reader.GetInt64(10),
        RejectedRecords: reader.GetInt64(11),
        RowsAdded: new TableCounts(reader.GetInt64(12), reader.GetInt64(13), reader.GetInt64(14)),
        Rows: new TableCounts(reader.GetInt64(15), reader.GetInt64(16), reader.GetInt64(17)));

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static async Task<int> ExecuteAsync(DuckDBConnection connection, string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DateTime Now() => timeProvider.GetUtcNow().UtcDateTime;
}
