using System.Security.Cryptography;
using System.Text;
using MySqlConnector;
using PinterestPipeline.Seeder.Schema;

namespace PinterestPipeline.Seeder.Data;

/// <summary>
/// SHA-256 over the three tables' contents in key order, in <see cref="SourceValue"/> form: the same value
/// for generated data and for the data read back from a database, whatever the server's storage details.
/// </summary>
public static class SourceChecksum
{
    private const char FieldSeparator = '\u001F';
    private const char RowSeparator = '\u001E';
    private const char TableSeparator = '\u001D';
    private const string NullMarker = "\u0000";

    public static string Compute(SeedData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder();
        foreach (var table in SourceSchema.Tables)
        {
            AppendTable(hash, table);
            foreach (var row in data.RowsOf(table))
            {
                AppendRow(hash, line, row);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Reads the three tables of the connection's database; they must exist.</summary>
    public static async Task<string> ComputeAsync(MySqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder();
        foreach (var table in SourceSchema.Tables)
        {
            AppendTable(hash, table);
            var columns = string.Join(", ", table.ColumnNames.Select(TableSchema.Quote));
            await using var command = new MySqlCommand(
                $"SELECT {columns} FROM {TableSchema.Quote(table.Name)} ORDER BY {TableSchema.Quote(table.KeyColumn)}", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var values = new object[table.Columns.Count];
            while (await reader.ReadAsync(cancellationToken))
            {
                reader.GetValues(values);
                AppendRow(hash, line, values);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendTable(IncrementalHash hash, TableSchema table) =>
        hash.AppendData(Encoding.UTF8.GetBytes(table.Name + TableSeparator));

    private static void AppendRow(IncrementalHash hash, StringBuilder line, object[] values)
    {
        line.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                line.Append(FieldSeparator);
            }

            // Our columns are NOT NULL; a NULL can only come from foreign data, and must not hash like any text.
            line.Append(values[i] is DBNull ? NullMarker : SourceValue.Format(values[i]));
        }

        line.Append(RowSeparator);
        hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
    }
}
