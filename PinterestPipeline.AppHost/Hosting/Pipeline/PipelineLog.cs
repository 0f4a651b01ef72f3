using Microsoft.Extensions.Logging;

namespace PinterestPipeline.AppHost.Hosting.Pipeline;

internal static partial class PipelineLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "The broker starts empty on every run, so the previous bucket was moved to {Archive}")]
    public static partial void BucketArchived(ILogger logger, string archive);

    [LoggerMessage(Level = LogLevel.Information, Message = "The broker starts empty on every run, so the warehouse loaded from the previous bucket was moved to {Archive}")]
    public static partial void WarehouseArchived(ILogger logger, string archive);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker starts empty on every run, but the S3 bucket {Bucket} is left as it is: the new run's records overwrite the previous run's objects under the same keys, and analytics reads whichever it finds. For a clean run, empty the bucket's topics/ folder or set another Pipeline:TopicPrefix")]
    public static partial void S3BucketKept(ILogger logger, string bucket);
}
