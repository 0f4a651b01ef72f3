using Confluent.Kafka;

namespace PinterestPipeline.RestProxy.Kafka;

/// <summary>Errors librdkafka reports outside any one record, logged, and a fatal one remembered for <c>/health</c>.</summary>
public sealed partial class ProducerStatus(ILogger<ProducerStatus> logger)
{
    /// <summary>Set when the producer hit a fatal error: it can no longer produce and the process needs a restart.</summary>
    public string? FatalError { get; private set; }

    public void OnError(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.IsFatal)
        {
            FatalError = error.Reason;
            LogFatal(logger, error.Code, error.Reason);
        }
        else
        {
            LogError(logger, error.Code, error.Reason);
        }
    }

    public void OnLog(LogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        LogClient(logger, level, message.Facility, message.Message);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Kafka producer failed fatally ({Code}: {Reason}); records will fail until the service restarts")]
    private static partial void LogFatal(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka producer error {Code}: {Reason}")]
    private static partial void LogError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(Message = "librdkafka {Facility}: {Text}")]
    private static partial void LogClient(ILogger logger, LogLevel level, string facility, string text);
}
