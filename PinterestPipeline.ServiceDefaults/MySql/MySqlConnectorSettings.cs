namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Settings of <see cref="MySqlConnectorExtensions.AddMySqlDataSource"/>, bound from <c>Aspire:MySqlConnector</c>
/// (and <c>Aspire:MySqlConnector:&lt;connectionName&gt;</c>), as in Aspire.MySqlConnector.
/// </summary>
public sealed class MySqlConnectorSettings
{
    public string? ConnectionString { get; set; }

    public bool DisableHealthChecks { get; set; }

    public bool DisableTracing { get; set; }

    public bool DisableMetrics { get; set; }

    /// <summary>How long the health check waits for open + ping before it reports Unhealthy.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
