using System.Diagnostics;
using System.Reflection;

namespace PinterestPipeline.AppHost.Tests;

/// <summary>The built AppHost as a process (<c>dotnet run --project PinterestPipeline.AppHost --no-build -- ...</c>), as a user runs it.</summary>
internal static class AppHostProcess
{
    /// <summary>The line <c>dotnet run</c> prints once it has evaluated the project, just before it starts the AppHost.</summary>
    private const string LaunchLine = "Using launch settings from ";

    /// <summary>
    /// What the process did: its exit code, stdout and stderr, how long it took in all, and how long the AppHost itself
    /// ran: from <c>dotnet run</c>'s launch line to the exit (all of it if no such line came).
    /// </summary>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed, TimeSpan AppHostElapsed)
    {
        public string Output => StandardOutput + StandardError;
    }

    /// <summary>Runs the AppHost with <paramref name="arguments"/>; kills it and fails the test if it runs longer than <paramref name="timeout"/>.</summary>
    public static async Task<Result> RunAsync(TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var configuration = typeof(AppHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "--project", Projects.PinterestPipeline_AppHost.ProjectPath, "--no-build", "-c", configuration, "--" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var elapsed = Stopwatch.StartNew();
        var launched = TimeSpan.Zero;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start 'dotnet'.");
        var stdout = ReadLinesAsync(process.StandardOutput, line =>
        {
            if (launched == TimeSpan.Zero && line.StartsWith(LaunchLine, StringComparison.Ordinal))
            {
                launched = elapsed.Elapsed;
            }
        });
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"The AppHost ({string.Join(' ', arguments)}) did not exit within {timeout.TotalSeconds:0} s. Output:\n{await stdout}{await stderr}");
        }

        var total = elapsed.Elapsed;
        var output = await stdout;
        return new Result(process.ExitCode, output, await stderr, total, total - launched);
    }

    private static async Task<string> ReadLinesAsync(StreamReader reader, Action<string> onLine)
    {
        var text = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            onLine(line);
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }
}
