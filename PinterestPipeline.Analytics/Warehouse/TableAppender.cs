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
        switch (row)
        {
            case PinRow pin:
                pins.CreateRow()
                    .AppendValue(pin.Ind).AppendValue(pin.UniqueId).AppendValue(pin.Title).AppendValue(pin.Description)
                    .AppendValue(pin.FollowerCount).AppendValue(pin.PosterName).AppendValue(pin.TagList)
                    .AppendValue(pin.IsImageOrVideo).AppendValue(pin.ImageSrc).AppendValue(pin.SaveLocation)
                    .AppendValue(pin.Category).AppendValue(pin.Downloaded)
                    .EndRow();
                AppendHash(SourceTable.Pin, hash);
                break;
            case GeoRow geo:
                geos.CreateRow()
                    .AppendValue(geo.Ind).AppendValue(geo.Country).AppendValue(geo.Coordinates.ToList()).AppendValue(geo.Timestamp)
                    .EndRow();
                AppendHash(SourceTable.Geo, hash);
                break;
            case UserRow user:
                users.CreateRow()
                    .AppendValue(user.Ind).AppendValue(user.UserName).AppendValue(user.Age).AppendValue(user.DateJoined)
                    .EndRow();
                AppendHash(SourceTable.User, hash);
                break;
            default:
                throw new ArgumentException($"{row?.GetType().Name ?? "null"} is not a cleaned row.", nameof(row));
        }
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

    private void AppendHash(SourceTable table, UInt128 hash) =>
        hashes.CreateRow().AppendValue(table.WarehouseTable).AppendValue((BigInteger)hash).EndRow();
}
