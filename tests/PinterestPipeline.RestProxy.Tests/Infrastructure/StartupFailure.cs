using PinterestPipeline.TestSupport;

namespace PinterestPipeline.RestProxy.Tests.Infrastructure;

/// <summary>
/// The proxy as its own process with settings that cannot work. Not WebApplicationFactory: it races its own start of a
/// host whose start fails against that host's disposal, so a test sometimes saw an ObjectDisposedException instead.
/// </summary>
internal static class StartupFailure
{
    /// <summary>Starts the proxy, asserts it exits 2 with no stack trace, and returns what it wrote to stderr.</summary>
    public static async Task<string> StderrAsync(string bootstrapServers, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["ConnectionStrings:kafka"] = bootstrapServers };
        using var proxy = ServiceProcess.Start("PinterestPipeline.RestProxy", all);
        var exitCode = await proxy.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 2, $"exit code {exitCode}:\n{proxy.Output}");
        Assert.DoesNotContain("   at ", proxy.Output, StringComparison.Ordinal);
        Assert.StartsWith("error: ", proxy.StandardError, StringComparison.Ordinal);
        return proxy.StandardError;
    }
}
