using System.Diagnostics;
using PinterestPipeline.Seeder.Data;

namespace PinterestPipeline.Seeder.Tests;

/// <summary>The built executable as Aspire runs it: no arguments, the database in <c>ConnectionStrings__pinterest</c>.</summary>
[Collection(SeederServerGroup.Name)]
public sealed class ProgramTests(SeederServerFixture fixture)
{
    [Fact]
    public async Task Without_arguments_it_seeds_the_database_named_by_ConnectionStrings_pinterest()
    {
        var cs = await fixture.CreateDatabaseAsync();
        var first = await RunProcessAsync(cs);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.StartsWith("Seeded 11,001 rows × 3 tables into 'seeder_", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(SourceChecksum.Compute(SeedDataGenerator.Generate()), await Sql.ChecksumAsync(cs));

        var second = await RunProcessAsync(cs);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.StartsWith("Already seeded:", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeder_settings_come_from_environment_variables_too()
    {
        var cs = await fixture.CreateDatabaseAsync();
        var run = await RunProcessAsync(cs, ("Seeder__Seed", "21"), ("Seeder__Rows", "11002"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(SourceChecksum.Compute(SeedDataGenerator.Generate(21, 11_002)), await Sql.ChecksumAsync(cs));
    }

    private static async Task<CliResult> RunProcessAsync(string connectionString, params (string Name, string Value)[] environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PinterestPipeline.Seeder.dll");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__pinterest"] = connectionString;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
