using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.ServiceDefaults.Tests.Kafka;

public sealed class KafkaLoggingTests
{
    [Fact]
    public async Task Librdkafka_logs_reach_ILogger_and_a_callers_own_log_handler_still_runs()
    {
        // Nothing listens on this port, so librdkafka logs its failed connection attempts.
        var builder = TestHost.CreateBuilder(("ConnectionStrings:kafka", $"127.0.0.1:{FreePort.Next()}"));
        builder.Logging.AddFakeLogging();
        var callerLines = new ConcurrentQueue<LogMessage>();
        builder.AddKafkaProducer<Null, string>("kafka", configureBuilder: (_, producer) => producer.SetLogHandler((_, line) => callerLines.Enqueue(line)));
        using var host = builder.Build();
        var collector = host.Services.GetFakeLogCollector();

        using var producer = host.Services.GetRequiredService<IProducer<Null, string>>();
        await Eventually.TrueAsync(
            () => !callerLines.IsEmpty && collector.GetSnapshot().Any(r => r.Category == "Confluent.Kafka"),
            TimeSpan.FromSeconds(20),
            () => $"{callerLines.Count} lines to the caller's log handler, {collector.GetSnapshot().Count(r => r.Category == "Confluent.Kafka")} Confluent.Kafka log records",
            TimeSpan.FromMilliseconds(100));

        var records = collector.GetSnapshot().Where(r => r.Category == "Confluent.Kafka").ToList();
        Assert.NotEmpty(records);
        Assert.NotEmpty(callerLines);
        Assert.Contains(records, r => r.Level >= LogLevel.Warning && r.Message.Contains(producer.Name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SyslogLevel.Emergency, LogLevel.Critical)]
    [InlineData(SyslogLevel.Alert, LogLevel.Critical)]
    [InlineData(SyslogLevel.Critical, LogLevel.Critical)]
    [InlineData(SyslogLevel.Error, LogLevel.Error)]
    [InlineData(SyslogLevel.Warning, LogLevel.Warning)]
    [InlineData(SyslogLevel.Notice, LogLevel.Information)]
    [InlineData(SyslogLevel.Info, LogLevel.Information)]
    [InlineData(SyslogLevel.Debug, LogLevel.Debug)]
    public void Syslog_levels_map_to_log_levels(SyslogLevel syslog, LogLevel expected) =>
        Assert.Equal(expected, KafkaLog.ToLogLevel(syslog));
}
