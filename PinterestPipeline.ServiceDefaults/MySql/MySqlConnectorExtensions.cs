using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A thin equivalent of Aspire.MySqlConnector (not served by our package mirror): same method name,
/// same configuration section, so moving to the official package is a package reference.
/// </summary>
public static class MySqlConnectorExtensions
{
    public const string DefaultConfigSectionName = "Aspire:MySqlConnector";

    /// <summary>
    /// Registers a singleton <see cref="MySqlDataSource"/> for <c>ConnectionStrings:&lt;connectionName&gt;</c>,
    /// a health check (open + ping), and the OpenTelemetry source and meter <c>MySqlConnector</c>.
    /// </summary>
    public static void AddMySqlDataSource(this IHostApplicationBuilder builder, string connectionName, Action<MySqlConnectorSettings>? configureSettings = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        var settings = new MySqlConnectorSettings();
        builder.Configuration.GetSection(DefaultConfigSectionName).Bind(settings);
        builder.Configuration.GetSection($"{DefaultConfigSectionName}:{connectionName}").Bind(settings);
        configureSettings?.Invoke(settings);

        if (settings.HealthCheckTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"'{DefaultConfigSectionName}:HealthCheckTimeout' must be a positive duration such as 00:00:05; it is {settings.HealthCheckTimeout}.");
        }

        var connectionString = ConnectionStringResolver.Require(builder.Configuration, connectionName, settings.ConnectionString, DefaultConfigSectionName);
        settings.ConnectionString = connectionString;

        builder.Services.AddSingleton(sp => new MySqlDataSourceBuilder(connectionString)
            .UseLoggerFactory(sp.GetService<Logging.ILoggerFactory>())
            .Build());

        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                $"MySql_{connectionName}",
                sp => new MySqlHealthCheck(sp.GetRequiredService<MySqlDataSource>(), settings.HealthCheckTimeout),
                failureStatus: HealthStatus.Unhealthy,
                tags: null,
                timeout: HealthCheckDeadline.For(settings.HealthCheckTimeout)));
        }

        if (!settings.DisableTracing)
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource("MySqlConnector"));
        }

        if (!settings.DisableMetrics)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter("MySqlConnector"));
        }
    }
}
