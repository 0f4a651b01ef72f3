using DuckDB.NET.Data;
using PinterestPipeline.Analytics.Cleaning;

namespace PinterestPipeline.Analytics.Warehouse;

/// <summary>Writes a cleaned row's values into an appender row in the column order of <see cref="WarehouseSchema"/>.</summary>
internal static class CleanedRowColumns
{
    /// <summary>Appends the values of a <see cref="PinRow"/>, <see cref="GeoRow"/> or <see cref="UserRow"/>; the caller ends the row.</summary>
    public static IDuckDBAppenderRow AppendColumns(this IDuckDBAppenderRow target, object row) => row switch
    {
        PinRow pin => target
            .AppendValue(pin.Ind).AppendValue(pin.UniqueId).AppendValue(pin.Title).AppendValue(pin.Description)
            .AppendValue(pin.FollowerCount).AppendValue(pin.PosterName).AppendValue(pin.TagList)
            .AppendValue(pin.IsImageOrVideo).AppendValue(pin.ImageSrc).AppendValue(pin.SaveLocation)
            .AppendValue(pin.Category).AppendValue(pin.Downloaded),
        GeoRow geo => target.AppendValue(geo.Ind).AppendValue(geo.Country).AppendValue(geo.Coordinates.ToList()).AppendValue(geo.Timestamp),
        UserRow user => target.AppendValue(user.Ind).AppendValue(user.UserName).AppendValue(user.Age).AppendValue(user.DateJoined),
        _ => throw new ArgumentException($"{row?.GetType().Name ?? "null"} is not a cleaned row.", nameof(row)),
    };
}
