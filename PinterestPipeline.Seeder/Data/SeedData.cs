using PinterestPipeline.Seeder.Schema;

namespace PinterestPipeline.Seeder.Data;

/// <summary>The generated content of the three source tables; row <c>i</c> of each table has key <c>i</c>.</summary>
public sealed class SeedData(int seed, IReadOnlyList<PinRow> pins, IReadOnlyList<GeoRow> geos, IReadOnlyList<UserRow> users)
{
    public int Seed { get; } = seed;

    public int Rows => Pins.Count;

    public IReadOnlyList<PinRow> Pins { get; } = pins;

    public IReadOnlyList<GeoRow> Geos { get; } = geos;

    public IReadOnlyList<UserRow> Users { get; } = users;

    /// <summary>The rows of <paramref name="table"/> as values in its column order.</summary>
    public IEnumerable<object[]> RowsOf(TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Name switch
        {
            var name when name == SourceSchema.Pin.Name => Pins.Select(row => row.Values),
            var name when name == SourceSchema.Geo.Name => Geos.Select(row => row.Values),
            var name when name == SourceSchema.User.Name => Users.Select(row => row.Values),
            _ => throw new ArgumentException($"'{table.Name}' is not a source table.", nameof(table)),
        };
    }
}
