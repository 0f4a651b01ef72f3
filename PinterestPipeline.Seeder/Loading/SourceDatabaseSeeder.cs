using System.Globalization;
using MySqlConnector;
using PinterestPipeline.Seeder.Cli;
using PinterestPipeline.Seeder.Data;
using PinterestPipeline.Seeder.Schema;

namespace PinterestPipeline.Seeder.Loading;

/// <summary>
/// Loads <see cref="SeedData"/> into the database of a connection string, safely: an identical load is a no-op,
/// anything else already under the source tables' names is left alone unless <c>reset</c> is set.
/// </summary>
public static class SourceDatabaseSeeder
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    public static async Task<SeedOutcome> SeedAsync(string connectionString, SeedData data, string checksum, bool reset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var target = ParseTarget(connectionString);
        await using var connection = await OpenAsync(target, cancellationToken);

        // Two seeders started together (an AppHost restart, a CI retry) would otherwise both see empty tables and both load.
        await using (var lockCommand = new MySqlCommand("SELECT GET_LOCK(LEFT(CONCAT('pinterest-seeder:', DATABASE()), 64), @timeout)", connection))
        {
            lockCommand.Parameters.AddWithValue("@timeout", (int)LockTimeout.TotalSeconds);
            if (Convert.ToInt32(await lockCommand.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) != 1)
            {
                throw new SeederException(SeederExitCode.DatabaseError,
                    $"Another seeder has held the lock on database '{target.Database}' for {LockTimeout.TotalSeconds:0} s; try again when it has finished.");
            }
        }

        try
        {
            var result = await LoadAsync(connection, target.Database, data, checksum, reset, cancellationToken);
            return new SeedOutcome(result, target.Database);
        }
        catch (MySqlException ex)
        {
            throw new SeederException(SeederExitCode.DatabaseError, $"Loading database '{target.Database}' failed: MySQL error {ex.Number}: {ex.Message}", ex);
        }
        finally
        {
            await using var release = new MySqlCommand("DO RELEASE_LOCK(LEFT(CONCAT('pinterest-seeder:', DATABASE()), 64))", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private const string Advice = "left unchanged; run with --reset (or set Seeder:Reset=true) to drop and reload the three source tables.";

    private static async Task<SeedResult> LoadAsync(MySqlConnection connection, string database, SeedData data, string checksum, bool reset, CancellationToken cancellationToken)
    {
        var inspection = await SchemaInspection.InspectAsync(connection, cancellationToken);
        var tablesExisted = !inspection.NoneExist;
        if (tablesExisted && reset)
        {
            foreach (var table in SourceSchema.Tables)
            {
                await ExecuteAsync(connection, null, table.DropTableSql(), cancellationToken);
            }
        }
        else if (tablesExisted)
        {
            if (!inspection.AllMatch)
            {
                throw new SeederException(SeederExitCode.Refused, inspection.Mismatch is { } mismatch
                    ? $"Database '{database}' has a source table with another schema ({mismatch}); {Advice}"
                    : $"Database '{database}' has only some of the source tables ({string.Join(", ", inspection.ExistingTables)}); {Advice}");
            }

            var counts = await CountRowsAsync(connection, cancellationToken);
            if (counts.Any(count => count > 0))
            {
                var existing = await SourceChecksum.ComputeAsync(connection, cancellationToken);
                if (string.Equals(existing, checksum, StringComparison.Ordinal))
                {
                    return SeedResult.AlreadySeeded;
                }

                var rows = string.Join("/", counts.Select(count => count.ToString("N0", CultureInfo.InvariantCulture)));
                throw new SeederException(SeederExitCode.Refused, string.Create(CultureInfo.InvariantCulture,
                    $"Database '{database}' already holds other data in the source tables ({rows} rows, checksum {Short(existing)}; seed {data.Seed} with {data.Rows:N0} rows is {Short(checksum)}); {Advice}"));
            }
        }

        // Empty tables with the right schema (a DBA may have created them) are loaded as they are.
        if (!tablesExisted || reset)
        {
            foreach (var table in SourceSchema.Tables)
            {
                await ExecuteAsync(connection, null, table.CreateTableSql(), cancellationToken);
            }
        }

        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var statement in SeedStatements.Inserts(data))
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var loaded = await SourceChecksum.ComputeAsync(connection, cancellationToken);
        if (!string.Equals(loaded, checksum, StringComparison.Ordinal))
        {
            throw new SeederException(SeederExitCode.DatabaseError,
                $"The data read back from database '{database}' differs from what was loaded (checksum {Short(loaded)}, expected {Short(checksum)}): the server altered values on insert (check its sql_mode and character set).");
        }

        return tablesExisted && reset ? SeedResult.Reloaded : SeedResult.Seeded;
    }

    private static async Task<List<long>> CountRowsAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var counts = new List<long>();
        foreach (var table in SourceSchema.Tables)
        {
            await using var count = new MySqlCommand($"SELECT COUNT(*) FROM {TableSchema.Quote(table.Name)}", connection);
            counts.Add(Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture));
        }

        return counts;
    }

    private static string Short(string checksum) => checksum[..12];

    private static async Task ExecuteAsync(MySqlConnection connection, MySqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection, transaction) { CommandTimeout = 120 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static MySqlConnectionStringBuilder ParseTarget(string connectionString)
    {
        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new SeederException(SeederExitCode.Usage, $"The connection string is not valid: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new SeederException(SeederExitCode.Usage,
                $"The connection string names no database; add 'Database={SourceSchema.DatabaseName}' (the database must exist).");
        }

        return builder;
    }

    private static async Task<MySqlConnection> OpenAsync(MySqlConnectionStringBuilder target, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(target.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (MySqlException ex)
        {
            await connection.DisposeAsync();
            var server = string.Create(CultureInfo.InvariantCulture, $"{target.Server}:{target.Port}");
            throw ex.ErrorCode switch
            {
                MySqlErrorCode.UnableToConnectToHost => new SeederException(SeederExitCode.DatabaseError,
                    $"Cannot connect to the MySQL server at {server}: {ex.Message} Check the host and port, and that the server is running."),
                MySqlErrorCode.AccessDenied => new SeederException(SeederExitCode.DatabaseError,
                    $"The MySQL server at {server} refused user '{target.UserID}': wrong user name or password ({ex.Message})."),
                MySqlErrorCode.UnknownDatabase => new SeederException(SeederExitCode.DatabaseError,
                    $"Database '{target.Database}' does not exist on {server}; create it first (CREATE DATABASE `{target.Database}` CHARACTER SET utf8mb4) or fix 'Database=' in the connection string."),
                _ => new SeederException(SeederExitCode.DatabaseError, $"Cannot open database '{target.Database}' on {server}: MySQL error {ex.Number}: {ex.Message}"),
            };
        }
    }
}
