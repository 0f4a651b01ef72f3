using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>Forwards librdkafka's own log lines (which otherwise go to stderr) to <see cref="ILogger"/>.</summary>
internal static partial class KafkaLog
{
    /// <summary>The logger category of librdkafka's messages, so they can be filtered like any other library's.</summary>
    public const string CategoryName = "Confluent.Kafka";

    public static void Forward(ILogger logger, LogMessage message)
    {
        var level = ToLogLevel(message.Level);
        Librdkafka(logger, level, message.Name, message.Facility, message.Message);
    }

    /// <summary>librdkafka logs with syslog severities; Emergency..Critical are all "the client cannot go on".</summary>
    public static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    [LoggerMessage(EventId = 1, Message = "{KafkaClient} {Facility}: {KafkaMessage}")]
    private static partial void Librdkafka(ILogger logger, LogLevel level, string kafkaClient, string facility, string kafkaMessage);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "librdkafka statistics of {KafkaClient} could not be read; Kafka metrics miss this sample")]
    public static partial void UnreadableStatistics(ILogger logger, string kafkaClient, Exception exception);
}
