using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// How every service reports a configuration mistake: one <c>error:</c> line per problem on stderr and exit code 2,
/// never the host's "Hosting failed to start" with a stack trace and exit code 134.
/// </summary>
public static class ServiceStartup
{
    public const int ConfigurationErrorExitCode = 2;

    /// <summary>
    /// Runs <paramref name="build"/> (configuration, registrations, <c>Build()</c>), then <see cref="ValidateOrReport"/>.
    /// Returns the host, or null after writing the problems to <paramref name="error"/>.
    /// </summary>
    public static THost? BuildOrReport<THost>(Func<THost> build, TextWriter error)
        where THost : IHost
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var host = build();
            return host.ValidateOrReport(error) ? host : default;
        }
        catch (Exception ex) when (IsConfigurationError(ex))
        {
            Report(ex, error);
            return default;
        }
    }

    /// <summary>
    /// Checks the configuration before the host starts: the options registered with <c>ValidateOnStart</c>, and the
    /// hosted services' construction (which is where a service reads its settings). False after writing the problems to
    /// <paramref name="error"/>: an <see cref="OptionsValidationException"/> gives a line per failure; an
    /// <see cref="InvalidOperationException"/> (a missing connection string, a value of the wrong type) its message.
    /// Only when the service is the process: under a test's <c>WebApplicationFactory</c> (the entry assembly is the test
    /// host) it checks nothing, and the test sees each exception as the host throws it.
    /// </summary>
    public static bool ValidateOrReport(this IHost host, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(error);
        if (host.Services.GetRequiredService<IHostEnvironment>().ApplicationName != Assembly.GetEntryAssembly()?.GetName().Name)
        {
            return true;
        }

        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            _ = host.Services.GetServices<IHostedService>().ToList();
            return true;
        }
        catch (Exception ex) when (IsConfigurationError(ex))
        {
            Report(ex, error);
            return false;
        }
    }

    /// <summary>
    /// For a <c>catch (Exception ex) when (ServiceStartup.ReportIfConfigurationError(ex, Console.Error))</c> around a
    /// service's registrations and <c>Build()</c>: true, after writing its lines, when <paramref name="ex"/> is a
    /// configuration mistake (see <see cref="ValidateOrReport"/>); false for anything else, which then propagates.
    /// </summary>
    public static bool ReportIfConfigurationError(Exception ex, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(ex);
        ArgumentNullException.ThrowIfNull(error);
        if (!IsConfigurationError(ex))
        {
            return false;
        }

        Report(ex, error);
        return true;
    }

    private static void Report(Exception ex, TextWriter error)
    {
        foreach (var line in Describe(ex))
        {
            error.WriteLine($"error: {line}");
        }
    }

    // IStartupValidator throws an AggregateException when several options fail.
    private static bool IsConfigurationError(Exception ex) => ex switch
    {
        OptionsValidationException or InvalidOperationException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsConfigurationError),
        _ => false,
    };

    private static IEnumerable<string> Describe(Exception ex) => ex switch
    {
        OptionsValidationException validation => validation.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Describe),
        _ => [ex.Message],
    };
}
