using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>librdkafka's log lines (which otherwise go to stderr) and error events in <see cref="ILogger"/>, written by <see cref="KafkaClientLog"/>.</summary>
internal static partial class KafkaLog
{
    /// <summary>The logger category of librdkafka's messages, so they can be filtered like any other library's.</summary>
    public const string CategoryName = "Confluent.Kafka";

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
    public static partial void Librdkafka(ILogger logger, LogLevel level, string kafkaClient, string facility, string kafkaMessage);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "librdkafka statistics of {KafkaClient} could not be read; Kafka metrics miss this sample")]
    public static partial void UnreadableStatistics(ILogger logger, string kafkaClient, Exception exception);

    [LoggerMessage(EventId = 3, Message = "{KafkaClient} {Facility}: broker {KafkaBroker}: {KafkaMessage} (repeats are logged at Debug until it is connected again)")]
    public static partial void BrokerFailed(ILogger logger, LogLevel level, string kafkaClient, string kafkaBroker, string facility, string kafkaMessage);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{KafkaClient}: broker {KafkaBroker} connected again after {OutageSeconds:0.#} s ({Repeats} further connection failures logged at Debug)")]
    public static partial void BrokerConnected(ILogger logger, string kafkaClient, string kafkaBroker, double outageSeconds, int repeats);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "{KafkaClient} {Facility}: {KafkaMessage}")]
    public static partial void Repeated(ILogger logger, string kafkaClient, string facility, string kafkaMessage);

    /// <summary>librdkafka's error events are transient: the client keeps retrying on its own.</summary>
    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "{KafkaClient} {KafkaErrorCode}: {KafkaMessage}")]
    public static partial void Error(ILogger logger, string kafkaClient, ErrorCode kafkaErrorCode, string kafkaMessage);

    [LoggerMessage(EventId = 7, Level = LogLevel.Critical, Message = "{KafkaClient} failed fatally ({KafkaErrorCode}: {KafkaMessage}); it cannot recover: restart the service")]
    public static partial void Fatal(ILogger logger, string kafkaClient, ErrorCode kafkaErrorCode, string kafkaMessage);
}
