using PinterestPipeline.TestSupport.MySql;

namespace PinterestPipeline.Seeder.Tests;

/// <summary>
/// One private MariaDB for the seeder tests, plus one database seeded with the defaults that the read-only
/// content and schema tests share (seeding it once keeps the suite fast).
/// </summary>
public sealed class SeederServerFixture : IAsyncLifetime, IDisposable
{
    private readonly MySqlFixture mysql = new();
    private readonly SemaphoreSlim seedGate = new(1, 1);
    private string? seededDatabase;

    public MySqlTestServer Server => mysql.Server;

    public Task InitializeAsync() => mysql.InitializeAsync();

    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync("seeder");

    /// <summary>The connection string of a database seeded once with <c>--seed 100 --rows 11001</c>; do not modify it.</summary>
    public async Task<string> SeededDatabaseAsync()
    {
        await seedGate.WaitAsync();
        try
        {
            if (seededDatabase is null)
            {
                var connectionString = await CreateDatabaseAsync();
                var run = await Cli.RunAsync("--connection", connectionString);
                Assert.True(run.ExitCode == 0, $"Seeding the shared database failed: {run}");
                seededDatabase = connectionString;
            }

            return seededDatabase;
        }
        finally
        {
            seedGate.Release();
        }
    }

    public Task DisposeAsync() => mysql.DisposeAsync();

    public void Dispose() => seedGate.Dispose();
}
