using System.Numerics;
using DuckDB.NET.Data;
using PinterestPipeline.Analytics.Cleaning;

namespace PinterestPipeline.Analytics.Warehouse;

/// <summary>Appends cleaned rows to <c>pin</c>, <c>geo</c> and <c>user</c> (and their hashes) with DuckDB's appender, in the connection's transaction.</summary>
internal sealed class TableAppender : IDisposable
{
    private readonly DuckDBAppender pins;
    private readonly DuckDBAppender geos;
    private readonly DuckDBAppender users;
    private readonly DuckDBAppender hashes;

    public TableAppender(DuckDBConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        pins = connection.CreateAppender("pin");
        geos = connection.CreateAppender("geo");
        users = connection.CreateAppender("user");
        hashes = connection.CreateAppender("batch_row_hashes");
    }

    public void Append(object row, UInt128 hash)
    {
        var (appender, table) = row switch
        {
            PinRow => (pins, TableCleaning.Pin),
            GeoRow => (geos, TableCleaning.Geo),
            UserRow => (users, TableCleaning.User),
            _ => throw new ArgumentException($"{row?.GetType().Name ?? "null"} is not a cleaned row.", nameof(row)),
        };
        appender.CreateRow().AppendColumns(row).EndRow();
        hashes.CreateRow().AppendValue(table.WarehouseTable).AppendValue((BigInteger)hash).EndRow();
    }

    /// <summary>Flushes the rows into the transaction; without it (an exception first) nothing of them is written.</summary>
    public void Close()
    {
        pins.Close();
        geos.Close();
        users.Close();
        hashes.Close();
    }

    public void Dispose()
    {
        pins.Dispose();
        geos.Dispose();
        users.Dispose();
        hashes.Dispose();
    }
}
