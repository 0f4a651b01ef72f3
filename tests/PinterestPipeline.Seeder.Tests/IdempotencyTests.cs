using PinterestPipeline.Seeder.Data;

namespace PinterestPipeline.Seeder.Tests;

[Collection(SeederServerGroup.Name)]
public sealed class IdempotencyTests(SeederServerFixture fixture)
{
    [Fact]
    public async Task Seeding_a_seeded_database_does_nothing_and_says_so()
    {
        var cs = await fixture.CreateDatabaseAsync();
        var first = await Cli.RunAsync("--connection", cs);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Matches(@"^Seeded 11,001 rows × 3 tables into 'seeder_[0-9a-f]+' in [0-9]+\.[0-9] s \(seed 100, checksum [0-9a-f]{64}\)$", first.Stdout.Trim());

        // A trigger counts inserts; a reload would either fire it or, by dropping the table, remove it.
        await Sql.ExecuteAsync(cs, "CREATE TABLE inserts (n INT NOT NULL); INSERT INTO inserts VALUES (0)");
        await Sql.ExecuteAsync(cs, "CREATE TRIGGER count_inserts AFTER INSERT ON pinterest_data FOR EACH ROW UPDATE inserts SET n = n + 1");
        var second = await Cli.RunAsync("--connection", cs);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Matches(@"^Already seeded: 'seeder_[0-9a-f]+' holds 11,001 rows × 3 tables for seed 100 \(checksum [0-9a-f]{64}\); nothing to do$", second.Stdout.Trim());
        Assert.Equal(string.Empty, second.Stderr);
        Assert.Equal(0, await Sql.ScalarAsync<int>(cs, "SELECT n FROM inserts"));
        Assert.Equal(1, await Sql.ScalarAsync<int>(cs, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME = 'count_inserts'"));
        Assert.Equal(SourceChecksum.Compute(SeedDataGenerator.Generate()), await Sql.ChecksumAsync(cs));
    }

    [Fact]
    public async Task Changed_rows_are_left_alone_unless_reset_is_given()
    {
        var cs = await fixture.CreateDatabaseAsync();
        Assert.Equal(0, (await Cli.RunAsync("--connection", cs)).ExitCode);
        await Sql.ExecuteAsync(cs, "UPDATE pinterest_data SET title = 'hand edited' WHERE `index` = 42");
        var changed = await Sql.ChecksumAsync(cs);

        var refused = await Cli.RunAsync("--connection", cs);
        Assert.Equal(3, refused.ExitCode);
        var line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^error: Database 'seeder_[0-9a-f]+' already holds other data in the source tables \(11,001/11,001/11,001 rows, .*--reset", line);
        Assert.Equal(changed, await Sql.ChecksumAsync(cs));

        var reset = await Cli.RunAsync("--connection", cs, "--reset");
        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.StartsWith("Reset: dropped and reloaded 11,001 rows × 3 tables", reset.Stdout, StringComparison.Ordinal);
        Assert.Equal(SourceChecksum.Compute(SeedDataGenerator.Generate()), await Sql.ChecksumAsync(cs));
    }

    [Fact]
    public async Task Another_seed_is_other_data_and_reset_switches_to_it()
    {
        var cs = await fixture.CreateDatabaseAsync();
        Assert.Equal(0, (await Cli.RunAsync("--connection", cs)).ExitCode);

        var refused = await Cli.RunAsync("--connection", cs, "--seed", "5");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("seed 5 with 11,001 rows", refused.Stderr, StringComparison.Ordinal);

        Assert.Equal(0, (await Cli.RunAsync("--connection", cs, "--seed", "5", "--reset")).ExitCode);
        Assert.Equal(SourceChecksum.Compute(SeedDataGenerator.Generate(5)), await Sql.ChecksumAsync(cs));
        Assert.StartsWith("Already seeded:", (await Cli.RunAsync("--connection", cs, "--seed", "5")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_with_another_schema_is_refused_and_kept()
    {
        var cs = await fixture.CreateDatabaseAsync();
        await Sql.ExecuteAsync(cs, "CREATE TABLE user_data (ind INT PRIMARY KEY, name VARCHAR(50)); INSERT INTO user_data VALUES (1, 'Ada')");

        var refused = await Cli.RunAsync("--connection", cs);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("another schema (table `user_data` column 2 is `name` varchar(50), expected `first_name` VARCHAR(100))", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("Ada", await Sql.ScalarAsync<string>(cs, "SELECT name FROM user_data WHERE ind = 1"));
        Assert.Equal(0, await Sql.ScalarAsync<long>(cs, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'pinterest_data'"));

        Assert.Equal(0, (await Cli.RunAsync("--connection", cs, "--reset")).ExitCode);
        Assert.Equal(SourceChecksum.Compute(SeedDataGenerator.Generate()), await Sql.ChecksumAsync(cs));
    }

    [Fact]
    public async Task Only_some_of_the_tables_is_refused()
    {
        var cs = await fixture.CreateDatabaseAsync();
        Assert.Equal(0, (await Cli.RunAsync("--connection", cs)).ExitCode);
        await Sql.ExecuteAsync(cs, "DROP TABLE geolocation_data");

        var refused = await Cli.RunAsync("--connection", cs);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("has only some of the source tables (pinterest_data, user_data)", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_tables_with_the_right_schema_are_loaded()
    {
        var cs = await fixture.CreateDatabaseAsync();
        Assert.Equal(0, (await Cli.RunAsync("--connection", cs)).ExitCode);
        await Sql.ExecuteAsync(cs, "DELETE FROM pinterest_data; DELETE FROM geolocation_data; DELETE FROM user_data");

        var run = await Cli.RunAsync("--connection", cs);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("Seeded 11,001 rows", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(SourceChecksum.Compute(SeedDataGenerator.Generate()), await Sql.ChecksumAsync(cs));
    }

    [Fact]
    public async Task Other_tables_in_the_database_are_not_touched_even_by_reset()
    {
        var cs = await fixture.CreateDatabaseAsync();
        await Sql.ExecuteAsync(cs, "CREATE TABLE notes (id INT PRIMARY KEY); INSERT INTO notes VALUES (7)");
        Assert.Equal(0, (await Cli.RunAsync("--connection", cs)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("--connection", cs, "--reset")).ExitCode);
        Assert.Equal(7, await Sql.ScalarAsync<int>(cs, "SELECT id FROM notes"));
    }

    [Fact]
    public async Task Two_seeders_at_once_load_the_data_once()
    {
        var cs = await fixture.CreateDatabaseAsync();
        var runs = await Task.WhenAll(Cli.RunAsync("--connection", cs), Cli.RunAsync("--connection", cs));
        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        Assert.Single(runs, run => run.Stdout.StartsWith("Seeded", StringComparison.Ordinal));
        Assert.Single(runs, run => run.Stdout.StartsWith("Already seeded", StringComparison.Ordinal));
        Assert.Equal(SourceChecksum.Compute(SeedDataGenerator.Generate()), await Sql.ChecksumAsync(cs));
    }
}
