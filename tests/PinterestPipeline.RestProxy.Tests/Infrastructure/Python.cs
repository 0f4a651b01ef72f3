using System.ComponentModel;
using System.Diagnostics;

namespace PinterestPipeline.RestProxy.Tests.Infrastructure;

/// <summary>Runs python3, to build request bodies exactly as the seed's Python code builds them.</summary>
public static class Python
{
    public const string HowToGet = "python3 is needed to build the seed's request bytes: run 'apt-get install -y python3' (Debian) or put python3 on PATH.";

    /// <summary>Runs <paramref name="script"/> and returns the first line of its output and the rest.</summary>
    public static async Task<(string FirstLine, string Remainder)> RunAsync(string script)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException(HowToGet);
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(HowToGet, ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(script);
            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(process.ExitCode == 0, $"python3 failed: {await stderr}");
            var output = await stdout;
            var newline = output.IndexOf('\n', StringComparison.Ordinal);
            return (output[..newline], output[(newline + 1)..]);
        }
    }
}
