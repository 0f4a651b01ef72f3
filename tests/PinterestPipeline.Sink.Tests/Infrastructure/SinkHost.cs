using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PinterestPipeline.Sink.Tests.Infrastructure;

/// <summary>The sink inside the test process: the same registrations as <c>Program</c>, configured from a dictionary.</summary>
internal static class SinkHost
{
    public static async Task<IHost> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddSink();
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Settings for a local-folder sink reading <paramref name="topicsRegex"/> from <paramref name="bootstrapServers"/>.</summary>
    public static Dictionary<string, string?> LocalSettings(string bootstrapServers, string topicsRegex, string localPath, string groupId) => new()
    {
        ["ConnectionStrings:kafka"] = bootstrapServers,
        ["Sink:TopicsRegex"] = topicsRegex,
        ["Sink:GroupId"] = groupId,
        ["Sink:Storage"] = "Local",
        ["Sink:LocalPath"] = localPath,
        // Faster topic discovery and heartbeats than the production defaults (the session is the default's 6 s), so tests stay short.
        ["Aspire:Confluent:Kafka:Consumer:Config:topic.metadata.refresh.interval.ms"] = "500",
        ["Aspire:Confluent:Kafka:Consumer:Config:session.timeout.ms"] = "6000",
        ["Aspire:Confluent:Kafka:Consumer:Config:heartbeat.interval.ms"] = "500",
    };
}
