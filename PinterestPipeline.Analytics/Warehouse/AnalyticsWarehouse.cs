using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace PinterestPipeline.Analytics.Warehouse;

/// <summary>
/// The DuckDB file. Each job opens connections of its own (one process may hold many on one database), so the batch
/// job and a stream job can write their own tables at the same time; DuckDB's transactions conflict only on the same rows.
/// </summary>
public sealed class AnalyticsWarehouse
{
    private readonly string connectionString;

    public AnalyticsWarehouse(IOptions<AnalyticsOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        FilePath = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.WarehousePath!));
        // Nothing may be downloaded at run time: JSON and Parquet are built into this DuckDB, other extensions stay off.
        connectionString = new DuckDBConnectionStringBuilder
        {
            DataSource = FilePath,
            ["autoinstall_known_extensions"] = "false",
            ["autoload_known_extensions"] = "false",
        }.ConnectionString;
    }

    public string FilePath { get; }

    /// <summary>Creates the file, its folder and the tables that are missing. Safe to call on every start.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = WarehouseSchema.Create;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<DuckDBConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new DuckDBConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
