using Microsoft.Extensions.Logging;

namespace PinterestPipeline.Seeder.Cli;

/// <summary>
/// The CLI's console output: one plain line per log message, information to stdout, warnings and errors to stderr.
/// The writers are parameters so a caller (a test, another tool) can capture what a user would see.
/// </summary>
[ProviderAlias("Cli")]
public sealed class TextWriterLoggerProvider(TextWriter stdout, TextWriter stderr) : ILoggerProvider
{
    private readonly Lock gate = new();

    public ILogger CreateLogger(string categoryName) => new TextWriterLogger(this);

    internal void Write(LogLevel level, string message, Exception? exception)
    {
        var (writer, prefix) = level >= LogLevel.Error ? (stderr, "error: ")
            : level == LogLevel.Warning ? (stderr, "warning: ")
            : (stdout, string.Empty);
        lock (gate)
        {
            writer.WriteLine(prefix + message);
            if (exception is not null)
            {
                writer.WriteLine(exception.ToString());
            }

            writer.Flush();
        }
    }

    public void Dispose()
    {
    }
}
