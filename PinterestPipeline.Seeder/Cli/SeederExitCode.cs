using Microsoft.Extensions.Hosting;

namespace PinterestPipeline.Seeder.Cli;

/// <summary>The seeder's exit codes, documented in the Seeder README (As a command-line tool).</summary>
public static class SeederExitCode
{
    public const int Success = 0;

    /// <summary>The server is unreachable, refused the login, lacks the database, or failed the load; or the script could not be written.</summary>
    public const int DatabaseError = 1;

    /// <summary>Bad arguments or configuration: the code every service exits with for a configuration mistake.</summary>
    public const int Usage = ServiceStartup.ConfigurationErrorExitCode;

    /// <summary>The database holds other tables or data under the source tables' names and <c>--reset</c> was not given.</summary>
    public const int Refused = 3;

    public const int Cancelled = 130;
}
