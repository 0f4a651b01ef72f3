using System.Globalization;
using System.Text;
using PinterestPipeline.Seeder.Data;
using PinterestPipeline.Seeder.Schema;

namespace PinterestPipeline.Seeder.Loading;

/// <summary>
/// Writes the schema and data as one SQL script (UTF-8, LF) for <c>docker-entrypoint-initdb.d</c> or a DBA.
/// It names no database: it loads into the current one (<c>mysql pinterest_data &lt; seed.sql</c>, or <c>MYSQL_DATABASE</c>).
/// </summary>
public static class SqlScriptWriter
{
    public static async Task WriteAsync(TextWriter writer, SeedData data, string checksum, bool dropExisting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(data);
        await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture,
            $"-- PinterestPipeline source data: {data.Rows:N0} rows in each of {SourceSchema.Tables.Count} tables, seed {data.Seed}, checksum {checksum}.\n" +
            $"-- Load it into the source database, e.g. mysql {SourceSchema.DatabaseName} < this-file.sql\n"));
        await writer.WriteAsync("SET NAMES utf8mb4;\n");
        foreach (var table in SourceSchema.Tables)
        {
            if (dropExisting)
            {
                await writer.WriteAsync(table.DropTableSql() + ";\n");
            }

            await writer.WriteAsync(table.CreateTableSql() + ";\n");
        }

        await writer.WriteAsync("START TRANSACTION;\n");
        foreach (var statement in SeedStatements.Inserts(data))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteAsync(statement + ";\n");
        }

        await writer.WriteAsync("COMMIT;\n");
    }

    public static async Task WriteFileAsync(string path, SeedData data, string checksum, bool dropExisting, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        await WriteAsync(writer, data, checksum, dropExisting, cancellationToken);
    }
}
