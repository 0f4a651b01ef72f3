using System.Diagnostics;
using System.Security.Cryptography;
using MySqlConnector;
using PinterestPipeline.Seeder.Data;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.Seeder.Tests;

/// <summary><c>--sql-out</c>: the script loads with the stock <c>mariadb</c>/<c>mysql</c> client and gives the same data.</summary>
[Collection(SeederServerGroup.Name)]
public sealed class SqlOutTests(SeederServerFixture fixture) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("seeder-sql-").FullName;

    [Fact]
    public async Task Script_loads_into_an_empty_database_and_gives_the_same_checksum()
    {
        var path = Path.Combine(folder, "seed.sql");
        var run = await Cli.RunAsync("--sql-out", path);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"Wrote 11,001 rows × 3 tables to {path} in ", run.Stdout, StringComparison.Ordinal);

        var cs = await fixture.CreateDatabaseAsync();
        await LoadWithClientAsync(cs, path);
        Assert.Equal(SourceChecksum.Compute(SeedDataGenerator.Generate()), await Sql.ChecksumAsync(cs));

        // The seeder recognises a database loaded from its script.
        Assert.StartsWith("Already seeded:", (await Cli.RunAsync("--connection", cs)).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Same_arguments_write_byte_identical_scripts()
    {
        var first = Path.Combine(folder, "a.sql");
        var second = Path.Combine(folder, "b.sql");
        Assert.Equal(0, (await Cli.RunAsync("--sql-out", first, "--seed", "9")).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("--sql-out", second, "--seed", "9")).ExitCode);
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(first)), SHA256.HashData(await File.ReadAllBytesAsync(second)));
        var bytes = await File.ReadAllBytesAsync(first);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.NotEqual(0xEF, bytes[0]);
    }

    [Fact]
    public async Task Reset_script_replaces_existing_tables()
    {
        var cs = await fixture.CreateDatabaseAsync();
        Assert.Equal(0, (await Cli.RunAsync("--connection", cs)).ExitCode);
        var path = Path.Combine(folder, "reset.sql");
        Assert.Equal(0, (await Cli.RunAsync("--sql-out", path, "--seed", "11", "--reset")).ExitCode);
        Assert.StartsWith("DROP TABLE IF EXISTS `pinterest_data`;", File.ReadLines(path).ElementAt(3), StringComparison.Ordinal);

        await LoadWithClientAsync(cs, path);
        Assert.Equal(SourceChecksum.Compute(SeedDataGenerator.Generate(11)), await Sql.ChecksumAsync(cs));
    }

    private static async Task LoadWithClientAsync(string connectionString, string script)
    {
        var client = new[] { "/usr/bin/mariadb", "/usr/bin/mysql", "/usr/local/bin/mysql", "/opt/homebrew/bin/mysql" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("No mariadb or mysql command-line client found; install one with 'apt-get install -y mariadb-client'.");
        var target = new MySqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(client)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--no-defaults", "--protocol=TCP", $"--host={target.Server}", $"--port={target.Port}", $"--user={target.UserID}", target.Database })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MYSQL_PWD"] = target.Password;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await using (var input = File.OpenRead(script))
        {
            await input.CopyToAsync(process.StandardInput.BaseStream);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{client} failed with exit {process.ExitCode}: {await stderr}{await stdout}");
    }

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
    }
}
