using Microsoft.Extensions.Logging;

namespace PinterestPipeline.AppHost.Hosting;

/// <summary>The hosting layer's log lines: the infrastructure decision, topics, databases, the bucket.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Infrastructure mode: {Mode} ({Reason})")]
    public static partial void InfrastructureDecided(ILogger logger, Infrastructure.InfrastructureMode mode, string reason);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Topic {Topic} is ready ({Partitions} partitions)")]
    public static partial void TopicReady(ILogger logger, string topic, int partitions);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Initialising a new MySQL data directory in {DataDirectory}")]
    public static partial void InitializingDataDirectory(ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Database '{DatabaseName}' is ready")]
    public static partial void DatabaseReady(ILogger logger, string databaseName);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "Creating database '{DatabaseName}' failed")]
    public static partial void DatabaseCreationFailed(ILogger logger, Exception exception, string databaseName);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "The broker starts empty on every run, so the previous bucket was moved to {Archive}")]
    public static partial void BucketArchived(ILogger logger, string archive);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "The broker starts empty on every run, so the warehouse loaded from the previous bucket was moved to {Archive}")]
    public static partial void WarehouseArchived(ILogger logger, string archive);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "The broker starts empty on every run, but the S3 bucket {Bucket} is left as it is: the new run's records overwrite the previous run's objects under the same keys, and analytics reads whichever it finds. For a clean run, empty the bucket's topics/ folder or set another Pipeline:TopicPrefix")]
    public static partial void S3BucketKept(ILogger logger, string bucket);
}
