using System.Diagnostics;

namespace PinterestPipeline.TestSupport.Kafka;

/// <summary>kcat, a real Kafka command-line client (librdkafka in its own process), for cross-process checks.</summary>
public static class Kcat
{
    public const string HowToGet = "kcat is not installed: run 'apt-get install -y kcat' (Debian) or 'brew install kcat'.";

    public static string Path =>
        new[] { "/usr/bin/kcat", "/usr/local/bin/kcat", "/opt/homebrew/bin/kcat", "/usr/bin/kafkacat" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(HowToGet);

    /// <summary>Runs kcat to completion with <paramref name="stdin"/> as its input; returns exit code and output.</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string? stdin, TimeSpan timeout, params string[] arguments)
    {
        using var process = Start(arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kcat {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s. stderr:\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts kcat with redirected streams; the caller owns the process.</summary>
    public static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start kcat.");
    }
}
