using System.Text;
using PinterestPipeline.Seeder.Data;
using PinterestPipeline.Seeder.Schema;

namespace PinterestPipeline.Seeder.Loading;

/// <summary>
/// The SQL that loads a <see cref="SeedData"/>: multi-row INSERTs, the same text for the live load and for
/// <c>--sql-out</c>, so both give the same tables.
/// </summary>
public static class SeedStatements
{
    /// <summary>About 300 KB per pin statement: well below the smallest common max_allowed_packet (4 MB on old RDS defaults).</summary>
    public const int RowsPerStatement = 1_000;

    public static IEnumerable<string> Inserts(SeedData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var table in SourceSchema.Tables)
        {
            foreach (var batch in data.RowsOf(table).Chunk(RowsPerStatement))
            {
                yield return Insert(table, batch);
            }
        }
    }

    private static string Insert(TableSchema table, object[][] rows)
    {
        var sql = new StringBuilder(rows.Length * 320);
        sql.Append("INSERT INTO ").Append(TableSchema.Quote(table.Name)).Append(" (")
            .AppendJoin(", ", table.ColumnNames.Select(TableSchema.Quote)).Append(") VALUES\n");
        for (var r = 0; r < rows.Length; r++)
        {
            sql.Append(r == 0 ? "(" : ",\n(");
            for (var c = 0; c < rows[r].Length; c++)
            {
                if (c > 0)
                {
                    sql.Append(", ");
                }

                SqlLiteral.Append(sql, rows[r][c]);
            }

            sql.Append(')');
        }

        return sql.ToString();
    }
}
