using MySqlConnector;
using PinterestPipeline.Seeder.Schema;

namespace PinterestPipeline.Seeder.Loading;

/// <summary>Which source tables exist in the current database, and the first way one differs from <see cref="SourceSchema"/>.</summary>
public sealed record SchemaInspection(IReadOnlyList<string> ExistingTables, string? Mismatch)
{
    public bool NoneExist => ExistingTables.Count == 0;

    public bool AllMatch => ExistingTables.Count == SourceSchema.Tables.Count && Mismatch is null;

    public static async Task<SchemaInspection> InspectAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var actual = new Dictionary<string, List<(string Name, string DataType, long? Length, string ColumnType)>>(StringComparer.OrdinalIgnoreCase);
        await using (var command = new MySqlCommand(
            """
            SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, COLUMN_TYPE
            FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (@pin, @geo, @user)
            ORDER BY TABLE_NAME, ORDINAL_POSITION
            """, connection))
        {
            command.Parameters.AddWithValue("@pin", SourceSchema.Pin.Name);
            command.Parameters.AddWithValue("@geo", SourceSchema.Geo.Name);
            command.Parameters.AddWithValue("@user", SourceSchema.User.Name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var table = reader.GetString(0);
                if (!actual.TryGetValue(table, out var columns))
                {
                    actual[table] = columns = [];
                }

                columns.Add((reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(4)));
            }
        }

        var existing = SourceSchema.Tables.Where(table => actual.ContainsKey(table.Name)).Select(table => table.Name).ToArray();
        string? mismatch = null;
        foreach (var table in SourceSchema.Tables.Where(table => actual.ContainsKey(table.Name)))
        {
            mismatch ??= Compare(table, actual[table.Name]);
        }

        return new SchemaInspection(existing, mismatch);
    }

    private static string? Compare(TableSchema expected, List<(string Name, string DataType, long? Length, string ColumnType)> actual)
    {
        for (var i = 0; i < Math.Max(expected.Columns.Count, actual.Count); i++)
        {
            if (i >= actual.Count)
            {
                return $"table `{expected.Name}` lacks column {i + 1} `{expected.Columns[i].Name}` {expected.Columns[i].SqlType}";
            }

            if (i >= expected.Columns.Count)
            {
                return $"table `{expected.Name}` has an extra column {i + 1} `{actual[i].Name}` {actual[i].ColumnType}";
            }

            var want = expected.Columns[i];
            var have = actual[i];
            var same = string.Equals(want.Name, have.Name, StringComparison.Ordinal)
                && string.Equals(want.DataType, have.DataType, StringComparison.OrdinalIgnoreCase)
                && (want.Length is null || want.Length == have.Length)
                && !have.ColumnType.Contains("unsigned", StringComparison.OrdinalIgnoreCase);
            if (!same)
            {
                return $"table `{expected.Name}` column {i + 1} is `{have.Name}` {have.ColumnType}, expected `{want.Name}` {want.SqlType}";
            }
        }

        return null;
    }
}
