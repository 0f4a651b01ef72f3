using Confluent.Kafka;
using PinterestPipeline.RestProxy.Telemetry;

namespace PinterestPipeline.RestProxy.Kafka;

/// <summary>Errors librdkafka reports outside any one record, logged, and a fatal one remembered for <c>/health</c>.</summary>
public sealed class ProducerStatus(ILogger<ProducerStatus> logger)
{
    /// <summary>Set when the producer hit a fatal error: it can no longer produce and the process needs a restart.</summary>
    public string? FatalError { get; private set; }

    public void OnError(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.IsFatal)
        {
            FatalError = error.Reason;
            RestProxyLog.ProducerFatal(logger, error.Code, error.Reason);
        }
        else
        {
            RestProxyLog.ProducerError(logger, error.Code, error.Reason);
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
        RestProxyLog.ClientLog(logger, level, message.Facility, message.Message);
    }
}
