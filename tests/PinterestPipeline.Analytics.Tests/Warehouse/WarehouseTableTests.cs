using DuckDB.NET.Data;
using PinterestPipeline.Analytics.Tests.Infrastructure;
using PinterestPipeline.TestSupport.Analytics;

namespace PinterestPipeline.Analytics.Tests.Warehouse;

/// <summary>The cleaned tables in the DuckDB file: the seed's columns, order and types, and the content of the course's cleaning, each distinct record once.</summary>
public sealed class WarehouseTableTests(SeededRun seeded) : IClassFixture<SeededRun>
{
    [Fact]
    public async Task Tables_have_the_seeds_column_names_order_and_types()
    {
        await using var connection = await OpenAsync();

        Assert.Equal(
            ["ind INTEGER", "unique_id VARCHAR", "title VARCHAR", "description VARCHAR", "follower_count INTEGER", "poster_name VARCHAR",
             "tag_list VARCHAR", "is_image_or_video VARCHAR", "image_src VARCHAR", "save_location VARCHAR", "category VARCHAR", "downloaded INTEGER"],
            await ColumnsAsync(connection, "pin"));
        Assert.Equal(["ind BIGINT", "country VARCHAR", "coordinates DOUBLE[]", "timestamp TIMESTAMP"], await ColumnsAsync(connection, "geo"));
        Assert.Equal(["ind BIGINT", "user_name VARCHAR", "age BIGINT", "date_joined TIMESTAMP"], await ColumnsAsync(connection, "user"));
    }

    [Fact]
    public async Task Tables_hold_each_distinct_cleaned_record_once()
    {
        var expected = new ExpectedTables(seeded.Emitted.Select(e => e.Emitted));
        await using var connection = await OpenAsync();

        // Repeated offsets are common (1,500 draws from 11,001 rows), so the tables are smaller than the number of events.
        Assert.True(expected.Pins.Count < SeededRun.Events, "The data set should emit some rows more than once.");
        Assert.Equal(
            expected.Pins.Select(p => ExpectedAnswers.Row(p.Ind, p.UniqueId, p.Title, p.Description, p.FollowerCount, p.PosterName, p.TagList,
                p.IsImageOrVideo, p.ImageSrc, p.SaveLocation, p.Category, p.Downloaded)).Order(StringComparer.Ordinal),
            await RowsAsync(connection, "SELECT * FROM pin"));
        Assert.Equal(
            expected.Geos.Select(g => ExpectedAnswers.Row(g.Ind, g.Country, g.Latitude, g.Longitude, g.Timestamp.ToString("s", System.Globalization.CultureInfo.InvariantCulture))).Order(StringComparer.Ordinal),
            await RowsAsync(connection, "SELECT ind, country, coordinates[1], coordinates[2], strftime(\"timestamp\", '%Y-%m-%dT%H:%M:%S') FROM geo"));
        Assert.Equal(
            expected.Users.Select(u => ExpectedAnswers.Row(u.Ind, u.UserName, u.Age, u.DateJoined.ToString("s", System.Globalization.CultureInfo.InvariantCulture))).Order(StringComparer.Ordinal),
            await RowsAsync(connection, "SELECT ind, user_name, age, strftime(date_joined, '%Y-%m-%dT%H:%M:%S') FROM \"user\""));

        var rows = seeded.Run.GetProperty("rows");
        Assert.Equal((expected.Pins.Count, expected.Geos.Count, expected.Users.Count), (rows.GetProperty("pin").GetInt32(), rows.GetProperty("geo").GetInt32(), rows.GetProperty("user").GetInt32()));
    }

    // Another connection of this process to the service's file, as a second job would open one.
    private Task<DuckDBConnection> OpenAsync() => WarehouseFile.OpenAsync(seeded.Bucket.WarehousePath);

    private static async Task<List<string>> ColumnsAsync(DuckDBConnection connection, string table) =>
        await WarehouseFile.QueryAsync(connection, $"SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position");

    private static async Task<List<string>> RowsAsync(DuckDBConnection connection, string sql) =>
        [.. (await WarehouseFile.QueryAsync(connection, sql)).Order(StringComparer.Ordinal)];
}
