using System.Diagnostics;
using System.Text;

namespace PinterestPipeline.TestSupport;

/// <summary>CPython 3, the seed's own language, as the oracle for the bytes its scripts sent.</summary>
public static class Python3
{
    public const string HowToGet = "python3 is not installed: run 'apt-get install -y python3' (Debian) or put a python3 on the PATH.";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string Path =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(directory => System.IO.Path.Combine(directory, "python3"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(HowToGet);

    /// <summary>
    /// Runs <paramref name="script"/> (standard library only; <c>-I</c> keeps the user's site packages and PYTHON*
    /// variables out) and returns its standard output.
    /// </summary>
    /// <exception cref="InvalidOperationException">python3 is missing, or the script failed (its standard error is in the message).</exception>
    public static Task<string> RunAsync(string script) => RunAsync(["-I", "-"], script);

    /// <summary>
    /// Runs <paramref name="script"/> as <see cref="RunAsync(string)"/> does, with <paramref name="input"/> (UTF-8) on
    /// its standard input, for data too large to write into the script.
    /// </summary>
    /// <exception cref="InvalidOperationException">python3 is missing, or the script failed (its standard error is in the message).</exception>
    public static Task<string> RunAsync(string script, string input) => RunAsync(["-I", "-c", script], input);

    private static async Task<string> RunAsync(string[] arguments, string input)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start python3.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
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

        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"python3 exited with {process.ExitCode}:\n{await stderr}");
    }
}
