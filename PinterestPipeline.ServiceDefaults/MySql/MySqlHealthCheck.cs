using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;

namespace Microsoft.Extensions.Hosting;

/// <summary>Opens a pooled connection and pings the server, within a short timeout.</summary>
public sealed class MySqlHealthCheck(MySqlDataSource dataSource, TimeSpan timeout) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(deadline.Token);
            return await connection.PingAsync(deadline.Token)
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, "The MySQL server did not answer a ping.");
        }
        catch (Exception ex) when (ex is MySqlException or OperationCanceledException or InvalidOperationException)
        {
            // MySqlException messages never include the password; the connection string is not echoed.
            return new HealthCheckResult(context.Registration.FailureStatus, $"MySQL is not reachable: {ex.Message}");
        }
    }
}
