using Microsoft.Extensions.Logging;

namespace PinterestPipeline.Seeder.Cli;

internal sealed class TextWriterLogger(TextWriterLoggerProvider provider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            provider.Write(logLevel, formatter(state, exception), exception);
        }
    }
}
