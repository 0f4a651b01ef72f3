using System.Numerics;
using DuckDB.NET.Data;
using PinterestPipeline.Analytics.Cleaning;

namespace PinterestPipeline.Analytics.Batch;

/// <summary>
/// The hashes of the rows already in <c>pin</c>, <c>geo</c> and <c>user</c>, read from <c>batch_row_hashes</c> by the
/// first run and then kept in memory (this service is the warehouse's one writer), so a run costs what it loads, not
/// what the tables hold. A failed run drops them: a commit it rolled back may have added hashes that were not written.
/// </summary>
public sealed class LoadedRows
{
    private Dictionary<string, HashSet<UInt128>>? byTable;

    internal async Task<Dictionary<string, HashSet<UInt128>>> GetAsync(DuckDBConnection connection, CancellationToken cancellationToken) =>
        byTable ??= await ReadAsync(connection, cancellationToken);

    internal void Forget() => byTable = null;

    private static async Task<Dictionary<string, HashSet<UInt128>>> ReadAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        var seen = TableCleaning.All.ToDictionary(table => table.WarehouseTable, _ => new HashSet<UInt128>());
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name, row_hash FROM batch_row_hashes";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            seen[reader.GetString(0)].Add((UInt128)reader.GetFieldValue<BigInteger>(1));
        }

        return seen;
    }
}
