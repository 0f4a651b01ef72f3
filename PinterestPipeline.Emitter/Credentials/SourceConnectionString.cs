using Microsoft.Extensions.Configuration;
using MySqlConnector;
using PinterestPipeline.Emitter.Configuration;

namespace PinterestPipeline.Emitter.Credentials;

/// <summary>Decides which database the emitter reads: a <c>db_creds.yaml</c> when one is named, else <c>ConnectionStrings:pinterest</c>.</summary>
public static class SourceConnectionString
{
    public const string ConnectionName = "pinterest";
    public const string CredsSwitch = "creds";

    /// <summary>The creds file named by <c>--creds</c> or <c>Emitter:CredsFile</c>, if any.</summary>
    public static string? CredsFile(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration[CredsSwitch];
        return string.IsNullOrWhiteSpace(path) ? configuration[$"{EmitterOptions.SectionName}:{nameof(EmitterOptions.CredsFile)}"] : path;
    }

    /// <summary>
    /// The connection string to read with. Column values must reach the JSON as the database holds them, as the
    /// original's pymysql returned them, so MySqlConnector's conversions of CHAR(36) to Guid and TINYINT(1) to bool are off.
    /// </summary>
    public static string Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var credsFile = CredsFile(configuration);
        var connectionString = !string.IsNullOrWhiteSpace(credsFile)
            ? DbCredsFile.Load(credsFile).ToConnectionString()
            : configuration.GetConnectionString(ConnectionName);

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No source database is configured. Set ConnectionStrings:{ConnectionName} (environment variable ConnectionStrings__{ConnectionName}), " +
                $"or name a db_creds.yaml with --creds <path> or {EmitterOptions.SectionName}:CredsFile.");
        }

        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // The parser's message can quote the string, password included.
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not a valid MySQL connection string.");
        }

        // The emitter changes no session state (no SET, no temporary table; the key index's transaction is committed), so
        // a pooled connection need not be reset (COM_RESET_CONNECTION, a round trip and server work per event) unless asked.
        if (!ConnectionResetGiven(connectionString))
        {
            builder.ConnectionReset = false;
        }

        builder.GuidFormat = MySqlGuidFormat.None;
        builder.TreatTinyAsBoolean = false;
        return builder.ConnectionString;
    }

    private static bool ConnectionResetGiven(string connectionString)
    {
        var given = new MySqlConnectionStringBuilder(connectionString);
        return given.Keys.Cast<string>().Any(k => string.Equals(k.Replace(" ", string.Empty, StringComparison.Ordinal), "ConnectionReset", StringComparison.OrdinalIgnoreCase));
    }
}
