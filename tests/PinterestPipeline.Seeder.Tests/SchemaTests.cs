using MySqlConnector;
using PinterestPipeline.Seeder.Schema;

namespace PinterestPipeline.Seeder.Tests;

[Collection(SeederServerGroup.Name)]
public sealed class SchemaTests(SeederServerFixture fixture)
{
    [Fact]
    public void Reference_column_order_is_kept()
    {
        Assert.Equal(["pinterest_data", "geolocation_data", "user_data"], SourceSchema.Tables.Select(t => t.Name));
        Assert.Equal(
            ["index", "unique_id", "title", "description", "poster_name", "follower_count", "tag_list", "is_image_or_video", "image_src", "downloaded", "save_location", "category"],
            SourceSchema.Pin.ColumnNames);
        Assert.Equal(["ind", "timestamp", "latitude", "longitude", "country"], SourceSchema.Geo.ColumnNames);
        Assert.Equal(["ind", "first_name", "last_name", "age", "date_joined"], SourceSchema.User.ColumnNames);
    }

    [Fact]
    public async Task Columns_order_and_types_read_back_from_information_schema_match_the_reference()
    {
        var connectionString = await fixture.SeededDatabaseAsync();
        var database = new MySqlConnectionStringBuilder(connectionString).Database;
        foreach (var table in SourceSchema.Tables)
        {
            var columns = await Sql.RowsAsync(connectionString, $"""
                SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE, COLUMN_KEY
                FROM information_schema.COLUMNS
                WHERE TABLE_SCHEMA = '{database}' AND TABLE_NAME = '{table.Name}'
                ORDER BY ORDINAL_POSITION
                """);
            Assert.Equal(table.ColumnNames, columns.Select(c => (string)c[0]));
            Assert.Equal(table.Columns.Select(c => c.DataType), columns.Select(c => (string)c[1]));
            Assert.Equal(table.Columns.Select(c => (long?)c.Length), columns.Select(c => c[1] is "varchar" ? Convert.ToInt64(c[2], System.Globalization.CultureInfo.InvariantCulture) : (long?)null));
            Assert.All(columns, c => Assert.Equal("NO", (string)c[3]));
            Assert.Equal([table.KeyColumn], columns.Where(c => (string)c[4] == "PRI").Select(c => (string)c[0]));
        }

        Assert.Equal("varchar", SourceSchema.Pin.Columns.Single(c => c.Name == "follower_count").DataType);
        Assert.Equal("int", SourceSchema.Pin.Columns.Single(c => c.Name == "downloaded").DataType);
        Assert.Equal("datetime", SourceSchema.Geo.Columns.Single(c => c.Name == "timestamp").DataType);
        Assert.Equal("float", SourceSchema.Geo.Columns.Single(c => c.Name == "latitude").DataType);
        Assert.Equal("float", SourceSchema.Geo.Columns.Single(c => c.Name == "longitude").DataType);
        Assert.Equal("datetime", SourceSchema.User.Columns.Single(c => c.Name == "date_joined").DataType);
    }

    [Fact]
    public async Task Tables_are_utf8mb4_InnoDB()
    {
        var connectionString = await fixture.SeededDatabaseAsync();
        var database = new MySqlConnectionStringBuilder(connectionString).Database;
        var tables = await Sql.RowsAsync(connectionString,
            $"SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{database}' ORDER BY TABLE_NAME");
        Assert.Equal(SourceSchema.Tables.Select(t => t.Name).Order(StringComparer.Ordinal), tables.Select(t => (string)t[0]));
        Assert.All(tables, t => Assert.Equal("InnoDB", (string)t[1]));
        Assert.All(tables, t => Assert.Equal(SourceSchema.Collation, (string)t[2]));
    }

    [Fact]
    public async Task Select_star_returns_the_emitters_types()
    {
        var connectionString = await fixture.SeededDatabaseAsync();
        var pin = (await Sql.RowsAsync(connectionString, "SELECT * FROM pinterest_data LIMIT 7528, 1")).Single();
        var geo = (await Sql.RowsAsync(connectionString, "SELECT * FROM geolocation_data LIMIT 7528, 1")).Single();
        var user = (await Sql.RowsAsync(connectionString, "SELECT * FROM user_data LIMIT 7528, 1")).Single();

        Assert.Equal(7528, pin[0]);
        Assert.IsType<string>(pin[5]);
        Assert.IsType<int>(pin[9]);
        Assert.Equal(7528, geo[0]);
        Assert.IsType<DateTime>(geo[1]);
        Assert.IsType<float>(geo[2]);
        Assert.IsType<float>(geo[3]);
        Assert.Equal(7528, user[0]);
        Assert.IsType<int>(user[3]);
        Assert.IsType<DateTime>(user[4]);
    }
}
