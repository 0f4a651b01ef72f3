using System.Diagnostics;

namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>CPython 3, the seed's own language, as the oracle for the bytes its scripts sent.</summary>
internal static class Python3
{
    public const string HowToGet = "python3 is not installed: run 'apt-get install -y python3' (Debian) or put a python3 on the PATH.";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string Path =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(directory => System.IO.Path.Combine(directory, "python3"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(HowToGet);

    /// <summary>Runs <paramref name="script"/> (standard library only, isolated from the environment); returns its standard output.</summary>
    public static async Task<string> RunAsync(string script)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-I");
        start.ArgumentList.Add("-");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start python3.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python3 did not finish within {Timeout.TotalSeconds:0} s. stderr:\n{await stderr}");
        }

        Assert.True(process.ExitCode == 0, $"python3 exited with {process.ExitCode}:\n{await stderr}");
        return await stdout;
    }
}
