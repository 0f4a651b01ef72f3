using Microsoft.Extensions.Logging;

namespace PinterestPipeline.AppHost.Hosting.Kafka;

internal static partial class KafkaLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Topic {Topic} is ready ({Partitions} partitions)")]
    public static partial void TopicReady(ILogger logger, string topic, int partitions);
}
