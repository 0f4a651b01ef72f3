using System.Diagnostics;
using System.Globalization;

namespace PinterestPipeline.TestSupport;

internal static class Signal
{
    /// <summary>SIGTERM, as a container runtime or the AppHost stops a process: its shutdown code runs.</summary>
    public static async Task TerminateAsync(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill!.WaitForExitAsync();
    }
}
