namespace PinterestPipeline.Seeder.Tests;

[Collection(SeederServerGroup.Name)]
public sealed class CancellationTests(SeederServerFixture fixture)
{
    [Fact]
    public async Task A_cancelled_run_exits_130_and_writes_nothing()
    {
        var cs = await fixture.CreateDatabaseAsync();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var exitCode = await SeederCli.RunAsync(["--connection", cs], stdout, stderr, cancelled.Token);

        Assert.Equal(130, exitCode);
        Assert.Equal("warning: Cancelled: nothing was committed or written; run the seeder again to finish", stderr.ToString().Trim());
        Assert.Equal(0, await Sql.ScalarAsync<long>(cs, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"));
    }

    [Fact]
    public async Task A_cancelled_script_is_not_left_half_written()
    {
        var path = Path.Combine(Path.GetTempPath(), TestSupport.UniqueName.For("cancelled") + ".sql");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var exitCode = await SeederCli.RunAsync(["--sql-out", path], stdout, stderr, cancelled.Token);

        Assert.Equal(130, exitCode);
        Assert.False(File.Exists(path));
    }
}
