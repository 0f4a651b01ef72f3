using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;

namespace PinterestPipeline.EndToEnd.Tests.Pipeline;

/// <summary>
/// A resource's console log as the dashboard's Console page shows it (<see cref="ResourceLoggerService"/>), and the lines in it that are errors: for .NET services a line on standard
/// error or a console-logger line of level <c>fail</c>/<c>crit</c>; for mariadbd, which writes its whole log to standard
/// error, every error-flagged line but its <c>[Note]</c>/<c>[Warning]</c> lines and its version banner (so its
/// <c>[ERROR]</c> lines, and what the AppHost logged for it at Error or above); for resources only the AppHost logs
/// for (the database), the lines it logged at Error or above (those come flagged as errors).
/// </summary>
internal sealed partial class ResourceConsoleLog
{
    private readonly ResourceKind kind;
    private readonly ConcurrentQueue<LogLine> lines = new();
    private readonly Task watching;

    private ResourceConsoleLog(ResourceLoggerService service, IResource resource, CancellationToken cancellationToken)
    {
        Resource = resource.Name;
        kind = resource switch
        {
            ProjectResource => ResourceKind.DotNet,
            ExecutableResource => ResourceKind.NativeServer,
            _ => ResourceKind.AppHostLogged,
        };
        watching = WatchAsync(service, resource, cancellationToken);
    }

    public string Resource { get; }

    public IReadOnlyList<LogLine> Lines => [.. lines];

    public IEnumerable<string> Errors => Lines.Where(IsError).Select(line => $"{Resource}: {line.Content}");

    /// <summary>Collects the resource's lines until <paramref name="cancellationToken"/> is cancelled; then await <see cref="StoppedAsync"/>.</summary>
    public static ResourceConsoleLog Watch(ResourceLoggerService service, IResource resource, CancellationToken cancellationToken) =>
        new(service, resource, cancellationToken);

    public Task StoppedAsync() => watching;

    public override string ToString() => string.Join(Environment.NewLine, Lines.Select(line => $"{Resource}{(line.IsErrorMessage ? " !" : "  ")} {line.Content}"));

    private async Task WatchAsync(ResourceLoggerService service, IResource resource, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in service.WatchAsync(resource).WithCancellation(cancellationToken))
            {
                foreach (var line in batch)
                {
                    lines.Enqueue(line);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private bool IsError(LogLine line) => kind switch
    {
        // The console logger colours its level names, so the escape sequences go before matching.
        ResourceKind.DotNet => line.IsErrorMessage || ConsoleLoggerError().IsMatch(AnsiEscape().Replace(line.Content, "")),
        ResourceKind.NativeServer => line.IsErrorMessage && !MariaDbNonError().IsMatch(line.Content),
        _ => line.IsErrorMessage,
    };

    [GeneratedRegex(@"(^|\s)(fail|crit): ")]
    private static partial Regex ConsoleLoggerError();

    // mariadbd's own lines below ERROR, and the version banner it prints once ready.
    [GeneratedRegex(@"\[(Note|Warning)\] |Version: '")]
    private static partial Regex MariaDbNonError();

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex AnsiEscape();
}
