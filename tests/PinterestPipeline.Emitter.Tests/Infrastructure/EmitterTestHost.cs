using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PinterestPipeline.Emitter.Worker;

namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>The emitter's real host (same registrations as Program.cs), with logs captured and a bounded run.</summary>
internal sealed class EmitterTestHost
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private EmitterTestHost(IHost host)
    {
        Host = host;
        Stats = host.Services.GetRequiredService<EmitterStats>();
        Result = host.Services.GetRequiredService<EmitterRunResult>();
        Logs = host.Services.GetFakeLogCollector();
    }

    public IHost Host { get; }

    public EmitterStats Stats { get; }

    /// <summary>The exit code and final line Program.cs would return and print.</summary>
    public EmitterRunResult Result { get; }

    public FakeLogCollector Logs { get; }

    public static EmitterTestHost Create(IDictionary<string, string?> settings, TextWriter? dryRunOutput = null, string[]? args = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args ?? [],
            EnvironmentName = "Testing",
            ApplicationName = "PinterestPipeline.Emitter",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddFakeLogging();
        builder.AddServiceDefaults();
        builder.AddEmitter();
        if (dryRunOutput is not null)
        {
            builder.Services.AddSingleton(new DryRunOutput(dryRunOutput));
        }

        return new EmitterTestHost(builder.Build());
    }

    /// <summary>Runs until the emitter stops itself (Count reached, or a fatal error).</summary>
    public async Task RunToCompletionAsync() => await Host.RunAsync().WaitAsync(RunTimeout);

    public IReadOnlyList<FakeLogRecord> LogsAt(LogLevel level) => [.. Logs.GetSnapshot().Where(r => r.Level == level)];
}
