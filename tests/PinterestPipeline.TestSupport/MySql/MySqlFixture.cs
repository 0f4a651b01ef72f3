using Xunit;

namespace PinterestPipeline.TestSupport.MySql;

/// <summary>
/// xunit fixture: one private MySQL server shared by the tests of a collection (or class); each test makes
/// its own database with <see cref="MySqlTestServer.CreateDatabaseAsync"/>.
/// </summary>
public sealed class MySqlFixture : IAsyncLifetime
{
    private MySqlTestServer? server;

    public MySqlTestServer Server => server ?? throw new InvalidOperationException("The MySQL fixture has not started.");

    public async Task InitializeAsync() => server = await MySqlTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
