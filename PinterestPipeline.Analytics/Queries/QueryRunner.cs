using DuckDB.NET.Data;
using PinterestPipeline.Analytics.Warehouse;

namespace PinterestPipeline.Analytics.Queries;

/// <summary>Runs a query's SQL on the warehouse and returns its rows as a JSON array of objects keyed by column name.</summary>
internal static class QueryRunner
{
    public static async Task<string> RunAsync(DuckDBConnection connection, BatchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        await using var command = connection.CreateCommand();
        command.CommandText = query.Sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        if (!names.SequenceEqual(query.Columns))
        {
            throw new InvalidOperationException($"Query {query.Id} returned the columns {string.Join(", ", names)}; the course asks for {string.Join(", ", query.Columns)}.");
        }

        return await RowsJson.ReadAsync(reader, cancellationToken);
    }
}
