using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>Finds a client integration's connection string, or says exactly which key to set.</summary>
public static class ConnectionStringResolver
{
    /// <param name="configuration">The application's configuration.</param>
    /// <param name="connectionName">The resource name, e.g. <c>kafka</c> or <c>pinterest</c>.</param>
    /// <param name="explicitValue">A value already set through the integration's own settings section, if any.</param>
    /// <param name="settingsSection">The integration's settings section, named in the error as the alternative.</param>
    public static string Require(IConfiguration configuration, string connectionName, string? explicitValue, string settingsSection)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        var value = configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(value))
        {
            value = explicitValue;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"The connection string '{connectionName}' is missing or empty. Set 'ConnectionStrings:{connectionName}' " +
                $"(environment variable ConnectionStrings__{connectionName}) or '{settingsSection}:ConnectionString'.");
        }

        return value;
    }
}
