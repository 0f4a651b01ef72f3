using MySqlConnector;
using PinterestPipeline.TestSupport.MySql;

namespace PinterestPipeline.TestSupport.Tests;

public sealed class MySqlFixtureTests
{
    [Fact]
    public async Task Server_starts_accepts_a_query_and_deletes_its_data_directory()
    {
        string? dataDirectory;
        await using (var server = await MySqlTestServer.StartAsync())
        {
            dataDirectory = server.DataDirectory;
            var connectionString = await server.CreateDatabaseAsync("fixture");
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new MySqlCommand("SELECT 6 * 7", connection);
            Assert.Equal(42L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));

            if (dataDirectory is not null)
            {
                Assert.True(Directory.Exists(dataDirectory));
            }
        }

        if (dataDirectory is not null)
        {
            Assert.False(Directory.Exists(dataDirectory), $"{dataDirectory} should be deleted when the server stops.");
        }
    }

    [Fact]
    public async Task A_private_server_keeps_its_temporary_files_in_its_own_folder_which_is_no_database()
    {
        await using var server = await MySqlTestServer.StartAsync();
        if (server.DataDirectory is null)
        {
            return; // An external server (PIPELINE_TEST_MYSQL) has its own settings.
        }

        await using var connection = new MySqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var tmpdir = new MySqlCommand("SELECT @@tmpdir", connection);
        Assert.Equal(Path.Combine(server.DataDirectory, "tmp"), (string?)await tmpdir.ExecuteScalarAsync());
        await using var databases = new MySqlCommand("SHOW DATABASES", connection);
        await using var reader = await databases.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        Assert.DoesNotContain("tmp", names);
    }

    [Fact]
    public async Task Databases_are_unique_per_call()
    {
        await using var server = await MySqlTestServer.StartAsync();
        var first = new MySqlConnectionStringBuilder(await server.CreateDatabaseAsync()).Database;
        var second = new MySqlConnectionStringBuilder(await server.CreateDatabaseAsync()).Database;
        Assert.NotEqual(first, second);
    }
}
