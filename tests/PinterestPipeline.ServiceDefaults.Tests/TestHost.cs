using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace PinterestPipeline.ServiceDefaults.Tests;

/// <summary>A host builder whose configuration is exactly the given keys: no appsettings, no environment variables.</summary>
internal static class TestHost
{
    public static HostApplicationBuilder CreateBuilder(params (string Key, string? Value)[] configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration.Select(c => KeyValuePair.Create(c.Key, c.Value)));
        return builder;
    }

    /// <summary>
    /// Runs one health check. The token bounds the whole call, so a check that hangs instead of answering
    /// fails the test rather than stalling it.
    /// </summary>
    public static async Task<HealthReportEntry> CheckAsync(IHost host, string name)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == name, bound.Token);
        Assert.True(report.Entries.ContainsKey(name), $"No health check named '{name}' is registered; found: {string.Join(", ", report.Entries.Keys)}.");
        return report.Entries[name];
    }

    public static IReadOnlyList<string> HealthCheckNames(IHost host) => Registrations(host).Select(r => r.Name).ToList();

    public static HealthCheckRegistration Registration(IHost host, string name) =>
        Registrations(host).SingleOrDefault(r => r.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"No health check named '{name}' is registered; found: {string.Join(", ", HealthCheckNames(host))}.");

    private static ICollection<HealthCheckRegistration> Registrations(IHost host) =>
        host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations;
}
