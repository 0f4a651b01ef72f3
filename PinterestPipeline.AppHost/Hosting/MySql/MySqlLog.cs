using Microsoft.Extensions.Logging;

namespace PinterestPipeline.AppHost.Hosting.MySql;

internal static partial class MySqlLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Initialising a new MySQL data directory in {DataDirectory}")]
    public static partial void InitializingDataDirectory(ILogger logger, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database '{DatabaseName}' is ready")]
    public static partial void DatabaseReady(ILogger logger, string databaseName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Creating database '{DatabaseName}' failed")]
    public static partial void DatabaseCreationFailed(ILogger logger, Exception exception, string databaseName);
}
