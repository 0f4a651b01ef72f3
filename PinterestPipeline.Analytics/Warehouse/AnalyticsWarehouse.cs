using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace PinterestPipeline.Analytics.Warehouse;

/// <summary>
/// The DuckDB file. Each job opens connections of its own (one process may hold many on one database), so the batch
/// job and a stream job can write their own tables at the same time; DuckDB's transactions conflict only on the same rows.
/// From <see cref="InitializeAsync"/> until the service is disposed one connection stays open, so the database (and the
/// file lock that keeps other processes out) stays open between jobs' connections too: this service is its one writer.
/// </summary>
public sealed class AnalyticsWarehouse : IAsyncDisposable
{
    private readonly string connectionString;
    private readonly SemaphoreSlim initializing = new(1, 1);
    private DuckDBConnection? anchor;

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

    /// <summary>
    /// Creates the file, its folder and the tables that are missing, and from then on holds the file open. Each job
    /// calls it before its first connection; the first call does the work.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await initializing.WaitAsync(cancellationToken);
        try
        {
            if (anchor is not null)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var connection = await OpenAsync(cancellationToken);
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = WarehouseSchema.Create;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            anchor = connection;
        }
        finally
        {
            initializing.Release();
        }
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

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref anchor, null) is { } connection)
        {
            await connection.DisposeAsync();
        }

        initializing.Dispose();
    }
}
