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
    /// Runs <paramref name="build"/> (configuration, registrations, <c>Build()</c>, endpoint mapping), then checks the
    /// configuration before the host starts: the options registered with <c>ValidateOnStart</c>, and the hosted services'
    /// construction (which is where a service reads its settings). Returns the host, or null after writing the problems to
    /// <paramref name="error"/>: an <see cref="OptionsValidationException"/> gives a line per failure; an
    /// <see cref="InvalidOperationException"/> (a missing connection string, a value of the wrong type) its message.
    /// The checks run only when the service is the process: under a test's <c>WebApplicationFactory</c> (the entry
    /// assembly is the test host) the test sees each exception as the host throws it.
    /// </summary>
    public static THost? BuildOrReport<THost>(Func<THost> build, TextWriter error)
        where THost : IHost
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var host = build();
            if (host.Services.GetRequiredService<IHostEnvironment>().ApplicationName == Assembly.GetEntryAssembly()?.GetName().Name)
            {
                host.Services.GetService<IStartupValidator>()?.Validate();
                _ = host.Services.GetServices<IHostedService>().ToList();
            }

            return host;
        }
        catch (Exception ex) when (IsConfigurationError(ex))
        {
            foreach (var line in Describe(ex))
            {
                error.WriteLine($"error: {line}");
            }

            return default;
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
