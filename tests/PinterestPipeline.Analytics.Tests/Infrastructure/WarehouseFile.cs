using System.Globalization;
using DuckDB.NET.Data;
using PinterestPipeline.TestSupport.Analytics;

namespace PinterestPipeline.Analytics.Tests.Infrastructure;

/// <summary>Reads a warehouse file with DuckDB directly, as a user's DuckDB client would.</summary>
internal static class WarehouseFile
{
    public static async Task<DuckDBConnection> OpenAsync(string path)
    {
        var connection = new DuckDBConnection($"Data Source={path};autoinstall_known_extensions=false;autoload_known_extensions=false");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Each row as canonical text (<see cref="ExpectedAnswers.Row"/>).</summary>
    public static async Task<List<string>> QueryAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(ExpectedAnswers.Row([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i) switch
            {
                DateTime time => time.ToString("s", CultureInfo.InvariantCulture),
                var value => value,
            })]));
        }

        return rows;
    }
}
