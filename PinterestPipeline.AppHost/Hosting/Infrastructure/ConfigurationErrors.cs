using Aspire.Hosting;

namespace PinterestPipeline.AppHost.Hosting.Infrastructure;

/// <summary>How the AppHost reports a configuration mistake: one line, exit code 2.</summary>
public static class ConfigurationErrors
{
    public const int ExitCode = 2;

    /// <summary>
    /// Turns a <see cref="DistributedApplicationException"/> that nothing handled (thrown by AppHost.cs while it builds the
    /// model: the mode resolver, External's connection strings, a bad setting) into <c>error: &lt;message&gt;</c> on stderr
    /// and exit code 2, instead of the runtime's stack trace and exit code 134. Under
    /// <c>DistributedApplicationTestingBuilder</c> the exception reaches the test as it is, because the test handles it.
    /// </summary>
    public static void ExitWithOneLine() =>
        AppDomain.CurrentDomain.UnhandledException += static (_, e) =>
        {
            if (e.ExceptionObject is DistributedApplicationException error)
            {
                Console.Error.WriteLine($"error: {error.Message}");
                Console.Error.Flush();
                Environment.Exit(ExitCode);
            }
        };
}
