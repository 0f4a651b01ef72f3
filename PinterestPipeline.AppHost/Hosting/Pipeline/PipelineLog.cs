using Microsoft.Extensions.Logging;

namespace PinterestPipeline.AppHost.Hosting.Pipeline;

internal static partial class PipelineLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "The broker starts empty on every run, so the previous bucket was moved to {Archive}")]
    public static partial void BucketArchived(ILogger logger, string archive);

    [LoggerMessage(Level = LogLevel.Information, Message = "The broker starts empty on every run, so the warehouse loaded from the previous bucket was moved to {Archive}")]
    public static partial void WarehouseArchived(ILogger logger, string archive);
}
