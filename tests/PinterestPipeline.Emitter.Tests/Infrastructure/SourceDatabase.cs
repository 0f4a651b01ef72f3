using System.Globalization;
using MySqlConnector;

namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>
/// The three source tables as REFERENCE.md §1 describes them (the Seeder creates the same columns and types),
/// filled with a few deterministic rows for the keys a test chooses.
/// </summary>
internal static class SourceDatabase
{
    public const string Schema = """
        CREATE TABLE pinterest_data (
            `index` INT NOT NULL PRIMARY KEY, unique_id CHAR(36) NOT NULL, title TEXT, description TEXT, poster_name TEXT,
            follower_count VARCHAR(32), tag_list TEXT, is_image_or_video VARCHAR(64), image_src TEXT, downloaded TINYINT(1),
            save_location TEXT, category VARCHAR(64));
        CREATE TABLE geolocation_data (
            ind INT NOT NULL PRIMARY KEY, `timestamp` DATETIME, latitude FLOAT, longitude FLOAT, country TEXT);
        CREATE TABLE user_data (
            ind INT NOT NULL PRIMARY KEY, first_name TEXT, last_name TEXT, age INT, date_joined DATETIME);
        """;

    public static async Task CreateAsync(string connectionString, IEnumerable<int> keys)
    {
        await ExecuteAsync(connectionString, Schema);
        await InsertAsync(connectionString, keys);
    }

    public static async Task InsertAsync(string connectionString, IEnumerable<int> keys, bool pin = true, bool geo = true, bool user = true)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var key in keys)
        {
            var k = key.ToString(CultureInfo.InvariantCulture);
            if (pin)
            {
                await ExecuteAsync(connection, $"""
                    INSERT INTO pinterest_data VALUES ({k}, '00000000-0000-4000-8000-{key:D12}', 'Title {k} “quoted” & more',
                    'Description {k} cut off…', 'Poster {k}', '{(key % 2 == 0 ? "26k" : "User Info Error")}', 'Lowrider,Old Vintage Cars,Classic Cars',
                    'image', 'https://i.pinimg.com/originals/{k}.jpg?a=1&b=2', {key % 2}, 'Local save in /data/vehicles', 'vehicles')
                    """);
            }

            if (geo)
            {
                await ExecuteAsync(connection, $"""
                    INSERT INTO geolocation_data VALUES ({k}, TIMESTAMPADD(MINUTE, {k}, '2020-08-28 03:52:47'),
                    {(-89.9787 + (key * 0.37)).ToString("0.####", CultureInfo.InvariantCulture)}, -173.293, 'Albania')
                    """);
            }

            if (user)
            {
                await ExecuteAsync(connection, $"""
                    INSERT INTO user_data VALUES ({k}, 'First{k}', 'Last{k}', {20 + (key % 40)}, TIMESTAMPADD(HOUR, {k}, '2015-10-24 11:23:51'))
                    """);
            }
        }
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, sql);
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
