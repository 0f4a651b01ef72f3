using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using MySqlConnector;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.MySql;

namespace PinterestPipeline.ServiceDefaults.Tests.MySql;

public sealed class MySqlDataSourceTests(MySqlFixture mysql) : IClassFixture<MySqlFixture>
{
    [Fact]
    public async Task Settings_bind_from_the_shared_and_the_named_section_and_the_data_source_queries()
    {
        var connectionString = await mysql.Server.CreateDatabaseAsync("sd");
        var builder = TestHost.CreateBuilder(
            ("ConnectionStrings:pinterest", connectionString),
            ("Aspire:MySqlConnector:DisableMetrics", "true"),
            ("Aspire:MySqlConnector:pinterest:HealthCheckTimeout", "00:00:03"));
        MySqlConnectorSettings? bound = null;

        builder.AddMySqlDataSource("pinterest", settings => bound = settings);
        using var host = builder.Build();
        var dataSource = host.Services.GetRequiredService<MySqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new MySqlCommand("SELECT DATABASE()", connection);

        Assert.Equal(new MySqlConnectionStringBuilder(connectionString).Database, await command.ExecuteScalarAsync());
        Assert.True(bound!.DisableMetrics);
        Assert.False(bound.DisableHealthChecks);
        Assert.Equal(TimeSpan.FromSeconds(3), bound.HealthCheckTimeout);
        Assert.Equal(connectionString, bound.ConnectionString);
        Assert.Contains("MySql_pinterest", TestHost.HealthCheckNames(host));
    }

    [Fact]
    public async Task Health_check_is_healthy_against_a_running_server()
    {
        using var host = Host(mysql.Server.ConnectionString);

        var entry = await TestHost.CheckAsync(host, "MySql_pinterest");

        Assert.Equal(HealthStatus.Healthy, entry.Status);
    }

    [Fact]
    public async Task Health_check_is_unhealthy_with_a_wrong_password_and_does_not_echo_it()
    {
        const string wrongPassword = "not-the-password-4711";
        var connectionString = new MySqlConnectionStringBuilder(mysql.Server.ConnectionString) { Password = wrongPassword }.ConnectionString;
        using var host = Host(connectionString);

        var entry = await TestHost.CheckAsync(host, "MySql_pinterest");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.DoesNotContain(wrongPassword, entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_check_turns_unhealthy_when_the_server_stops()
    {
        var server = await MySqlTestServer.StartAsync();
        var connectionString = server.ConnectionString;
        using var host = Host(connectionString);
        Assert.Equal(HealthStatus.Healthy, (await TestHost.CheckAsync(host, "MySql_pinterest")).Status);

        await server.DisposeAsync();
        HealthReportEntry entry;
        if (server.DataDirectory is null)
        {
            // A shared server named by PIPELINE_TEST_MYSQL is not ours to stop: aim at a port where nothing listens instead.
            using var nothingThere = Host(new MySqlConnectionStringBuilder(connectionString) { Server = "127.0.0.1", Port = (uint)FreePort.Next() }.ConnectionString);
            entry = await TestHost.CheckAsync(nothingThere, "MySql_pinterest");
        }
        else
        {
            entry = await TestHost.CheckAsync(host, "MySql_pinterest");
        }

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
    }

    private static IHost Host(string connectionString)
    {
        var builder = TestHost.CreateBuilder(("ConnectionStrings:pinterest", connectionString));
        builder.AddMySqlDataSource("pinterest", settings => settings.HealthCheckTimeout = TimeSpan.FromSeconds(3));
        return builder.Build();
    }
}
