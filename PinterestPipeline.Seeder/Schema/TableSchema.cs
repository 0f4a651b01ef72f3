using System.Text;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Seeder.Schema;

/// <summary>A source table's schema: the table (its name and key), and its columns in <c>SELECT *</c> order, the key first.</summary>
public sealed record TableSchema(SourceTable Table, IReadOnlyList<SourceColumn> Columns)
{
    public string Name => Table.Name;

    /// <summary><c>index</c> or <c>ind</c>: the row number the emitter's offset lands on, aligned across the three tables.</summary>
    public string KeyColumn { get; } = Columns is [var first, ..] && first.Name == Table.KeyColumn
        ? Table.KeyColumn
        : throw new ArgumentException($"The first column of {Table.Name} must be its key, {Table.KeyColumn}.", nameof(Columns));

    public IEnumerable<string> ColumnNames => Columns.Select(column => column.Name);

    /// <summary>Backtick-quoted, because <c>index</c> and <c>timestamp</c> are reserved words.</summary>
    public static string Quote(string identifier) => $"`{identifier.Replace("`", "``", StringComparison.Ordinal)}`";

    public string CreateTableSql()
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE ").Append(Quote(Name)).Append(" (\n");
        foreach (var column in Columns)
        {
            sql.Append("  ").Append(Quote(column.Name)).Append(' ').Append(column.SqlType).Append(" NOT NULL,\n");
        }

        sql.Append("  PRIMARY KEY (").Append(Quote(KeyColumn)).Append(")\n")
            .Append(") ENGINE=InnoDB DEFAULT CHARSET=").Append(SourceSchema.CharacterSet)
            .Append(" COLLATE=").Append(SourceSchema.Collation);
        return sql.ToString();
    }

    public string DropTableSql() => $"DROP TABLE IF EXISTS {Quote(Name)}";
}
