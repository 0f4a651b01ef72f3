using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;

namespace PinterestPipeline.AppHost.Hosting.Common;

/// <summary>
/// What the MySQL container (<see cref="MySqlServerResource"/>) and the local <c>mariadbd</c>/<c>mysqld</c> share: the
/// endpoint name, the connection strings of a server and of a database in the official integration's format and their
/// properties, the icons, the health checks and database creation once the server answers.
/// </summary>
internal static class MySqlServerDefaults
{
    /// <summary>The endpoint clients connect to (named <c>tcp</c>, as in the official integration).</summary>
    public const string PrimaryEndpointName = "tcp";

    public const string UserName = "root";

    public static ReferenceExpression ConnectionString(EndpointReference endpoint, ParameterResource password) =>
        ReferenceExpression.Create(
            $"Server={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};User ID={UserName};Password={password}");

    public static IEnumerable<KeyValuePair<string, ReferenceExpression>> ConnectionProperties(EndpointReference endpoint, ParameterResource password)
    {
        yield return new("Host", ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Host)}"));
        yield return new("Port", ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Port)}"));
        yield return new("Username", ReferenceExpression.Create($"{UserName}"));
        yield return new("Password", ReferenceExpression.Create($"{password}"));
    }

    public static string ThrowIfNoDatabaseName(string databaseName)
    {
        ArgumentException.ThrowIfNullOrEmpty(databaseName);
        return databaseName;
    }

    /// <summary>The server's connection string plus <c>;Database=&lt;name&gt;</c>.</summary>
    public static ReferenceExpression DatabaseConnectionString(IResourceWithConnectionString server, string databaseName)
    {
        var database = new MySqlConnectionStringBuilder { Database = databaseName }.ConnectionString;
        return ReferenceExpression.Create($"{new ConnectionStringReference(server, optional: false)};{database}");
    }

    public static IEnumerable<KeyValuePair<string, ReferenceExpression>> DatabaseConnectionProperties(IResourceWithConnectionString server, string databaseName) =>
        server.CombineProperties([new("DatabaseName", ReferenceExpression.Create($"{databaseName}"))]);

    /// <summary>A server's icon, its health check (key <c>&lt;name&gt;_check</c>) and the creation of its databases once it answers.</summary>
    public static IResourceBuilder<T> WithMySqlServerDefaults<T>(this IResourceBuilder<T> builder, Func<T, IEnumerable<string>> databaseNames)
        where T : IResourceWithConnectionString =>
        builder
            .WithHealthCheck(server => new MySqlHealthCheck(server), "DatabaseMultiple")
            .OnResourceReady((server, @event, cancellationToken) => CreateDatabasesAsync(server, databaseNames(server), @event, cancellationToken));

    /// <summary>A database's icon and health check (key <c>&lt;name&gt;_check</c>).</summary>
    public static IResourceBuilder<T> WithMySqlDatabaseDefaults<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithConnectionString =>
        builder.WithHealthCheck(database => new MySqlHealthCheck(database), "Database");

    private static async Task CreateDatabasesAsync(IResourceWithConnectionString server, IEnumerable<string> names, ResourceReadyEvent @event, CancellationToken cancellationToken)
    {
        var databaseNames = names.ToList();
        if (databaseNames.Count == 0)
        {
            return;
        }

        var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
        var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var databaseName in databaseNames)
        {
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"CREATE DATABASE IF NOT EXISTS {new MySqlCommandBuilder().QuoteIdentifier(databaseName)}";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                HostingLog.DatabaseReady(logger, databaseName);
            }
            catch (MySqlException ex)
            {
                // The database's own health check stays unhealthy, so dependants keep waiting and this is the reason.
                HostingLog.DatabaseCreationFailed(logger, ex, databaseName);
            }
        }
    }
}

/// <summary>Healthy when a connection with the resource's connection string opens and answers <c>SELECT 1</c>.</summary>
internal sealed class MySqlHealthCheck(IResourceWithConnectionString resource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false);
            var builder = new MySqlConnectionStringBuilder(connectionString ?? string.Empty) { Pooling = false, ConnectionTimeout = 3 };
            await using var connection = new MySqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new MySqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is MySqlException or InvalidOperationException or DistributedApplicationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }
    }
}

/// <summary>The health-check registration both server defaults use (these and <see cref="KafkaServerDefaults"/>).</summary>
internal static class HealthCheckBuilderExtensions
{
    /// <summary>Registers a health check under <c>&lt;name&gt;_check</c> (the official integrations' key), attaches it and sets the icon.</summary>
    public static IResourceBuilder<T> WithHealthCheck<T>(this IResourceBuilder<T> builder, Func<T, IHealthCheck> check, string iconName)
        where T : IResource
    {
        var resource = builder.Resource;
        var healthCheckKey = $"{resource.Name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(healthCheckKey, _ => check(resource), failureStatus: default, tags: default));

        return builder
            .WithIconName(iconName)
            .WithHealthCheck(healthCheckKey);
    }
}
