using MySqlConnector;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.Seeder.Tests;

/// <summary>Expected failures: one line on stderr, a documented non-zero exit code, no stack trace, nothing written.</summary>
[Collection(SeederServerGroup.Name)]
public sealed class CliErrorTests(SeederServerFixture fixture)
{
    [Fact]
    public async Task Unreachable_server()
    {
        var cs = new MySqlConnectionStringBuilder
        {
            Server = "127.0.0.1", Port = (uint)FreePort.Next(), UserID = "root", Password = "x", Database = "pinterest_data", ConnectionTimeout = 5,
        }.ConnectionString;
        var run = await Cli.RunAsync("--connection", cs);
        AssertOneLineError(run, 1, "Cannot connect to the MySQL server at 127.0.0.1:");
        Assert.Contains("Check the host and port, and that the server is running.", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password()
    {
        var cs = new MySqlConnectionStringBuilder(await fixture.CreateDatabaseAsync()) { Password = "not-the-password" }.ConnectionString;
        var run = await Cli.RunAsync("--connection", cs);
        AssertOneLineError(run, 1, "refused user 'root': wrong user name or password");
        Assert.DoesNotContain("not-the-password", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_database()
    {
        var cs = fixture.Server.ConnectionStringFor("no_such_database_here");
        var run = await Cli.RunAsync("--connection", cs);
        AssertOneLineError(run, 1, "Database 'no_such_database_here' does not exist on 127.0.0.1:");
        Assert.Contains("CREATE DATABASE `no_such_database_here` CHARACTER SET utf8mb4", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_string_without_a_database()
    {
        var run = await Cli.RunAsync("--connection", fixture.Server.ConnectionString);
        AssertOneLineError(run, 2, "The connection string names no database; add 'Database=pinterest_data'");
    }

    [Fact]
    public async Task Malformed_connection_string()
    {
        var run = await Cli.RunAsync("--connection", "Server=127.0.0.1;Bogus Key=1");
        AssertOneLineError(run, 2, "The connection string is not valid:");
    }

    [Fact]
    public async Task No_connection_string_at_all()
    {
        var run = await Cli.RunAsync();
        AssertOneLineError(run, 2, "No database to seed: pass --connection");
        Assert.Contains("ConnectionStrings__pinterest", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500")]
    [InlineData("11000")]
    public async Task Rows_below_11001_are_refused_and_nothing_is_written(string rows)
    {
        var cs = await fixture.CreateDatabaseAsync();
        var run = await Cli.RunAsync("--connection", cs, "--rows", rows);
        AssertOneLineError(run, 2, $"--rows {rows} is below 11,001: the emitter draws offsets 0..11000 and every offset from {rows} up would miss a row.");
        Assert.Equal(0, await Sql.ScalarAsync<long>(cs, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"));
    }

    [Fact]
    public async Task Fewer_rows_are_seeded_with_a_warning_when_explicitly_allowed()
    {
        var cs = await fixture.CreateDatabaseAsync();
        var run = await Cli.RunAsync("--connection", cs, "--rows", "2000", "--allow-fewer-rows");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("warning: Only 2,000 rows per table: emitter offsets 2000..11000 will find no row", run.Stderr.Trim());
        Assert.Equal(2000, await Sql.ScalarAsync<long>(cs, "SELECT COUNT(*) FROM user_data"));
    }

    [Theory]
    [InlineData(new[] { "--rows", "many" }, "--rows expects a whole number, got 'many'.")]
    [InlineData(new[] { "--seed", "1.5" }, "--seed expects a whole number, got '1.5'.")]
    [InlineData(new[] { "--rows", "0" }, "--rows (Seeder:Rows) must be between 1 and 1,000,000, got 0.")]
    [InlineData(new[] { "--rows" }, "--rows needs a value; run with --help for usage.")]
    [InlineData(new[] { "--connection", "--reset" }, "--connection needs a value; run with --help for usage.")]
    [InlineData(new[] { "--reset=yes" }, "--reset takes no value.")]
    [InlineData(new[] { "--frobnicate" }, "Unknown argument '--frobnicate'; run with --help for usage.")]
    [InlineData(new[] { "--sql-out", "x.sql", "--connection", "Server=h;Database=d" }, "--sql-out writes a script and connects to no database; drop --connection, or drop --sql-out to seed the database.")]
    public async Task Bad_arguments(string[] args, string message)
    {
        var run = await Cli.RunAsync(args);
        AssertOneLineError(run, 2, message);
        Assert.Equal("error: " + message, run.Stderr.Trim());
    }

    [Fact]
    public async Task Help_prints_usage_and_succeeds()
    {
        var run = await Cli.RunAsync("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--connection <cs>", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 done (or already seeded), 1 database or file error, 2 bad arguments, 3 refused", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unwritable_sql_out_folder()
    {
        var path = Path.Combine(Path.GetTempPath(), UniqueName.For("missing"), "seed.sql");
        var run = await Cli.RunAsync("--sql-out", path);
        AssertOneLineError(run, 2, "Cannot write");
        Assert.Contains("does not exist", run.Stderr, StringComparison.Ordinal);
    }

    private static void AssertOneLineError(CliResult run, int exitCode, string expected)
    {
        Assert.True(run.ExitCode == exitCode, $"expected exit {exitCode}; {run}");
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr; {run}");
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }
}
