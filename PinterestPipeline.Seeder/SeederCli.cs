using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using PinterestPipeline.Seeder.Cli;

namespace PinterestPipeline.Seeder;

/// <summary>
/// The seeder as a command: what <c>Program.cs</c> runs, and what tests and other tools call in-process.
/// Under Aspire it runs with no arguments and reads <c>ConnectionStrings:pinterest</c>; its log lines go to
/// <paramref name="stdout"/>/<paramref name="stderr"/> and, through the service defaults, to the dashboard.
/// </summary>
public static class SeederCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        Dictionary<string, string?>? overrides;
        try
        {
            overrides = SeederCommandLine.Parse(args);
        }
        catch (SeederException ex)
        {
            await stderr.WriteLineAsync("error: " + SeedCommand.OneLine(ex.Message));
            return ex.ExitCode;
        }

        if (overrides is null)
        {
            await stdout.WriteLineAsync(SeederCommandLine.Usage);
            return SeederExitCode.Success;
        }

        using var host = Build(overrides, stdout, stderr);
        try
        {
            // Validated here first because the host would log a failed start with a stack trace; StartAsync then
            // finds the options already validated.
            _ = host.Services.GetRequiredService<IOptions<SeederOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            await stderr.WriteLineAsync("error: " + SeedCommand.OneLine(string.Join(" ", ex.Failures)));
            return SeederExitCode.Usage;
        }

        // The command observes cancellation itself, so it can report it and roll back.
        await host.StartAsync(CancellationToken.None);

        // The host's console lifetime turns Ctrl+C and SIGTERM (Aspire stopping the resource) into ApplicationStopping.
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var exitCode = await host.Services.GetRequiredService<SeedCommand>().RunAsync(stopping.Token);
        await host.StopAsync(CancellationToken.None);
        return exitCode;
    }

    private static IHost Build(Dictionary<string, string?> overrides, TextWriter stdout, TextWriter stderr)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ApplicationName = typeof(SeederCli).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(overrides);

        builder.Logging.ClearProviders();
        builder.AddServiceDefaults();
        builder.Logging.AddProvider(new TextWriterLoggerProvider(stdout, stderr));
        builder.Logging.AddFilter<TextWriterLoggerProvider>("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter<TextWriterLoggerProvider>("System", LogLevel.Warning);
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource("MySqlConnector"));

        builder.Services.AddOptions<SeederOptions>().BindConfiguration(SeederOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SeederOptions>, SeederOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SeedCommand>();
        return builder.Build();
    }
}
