using PinterestPipeline.RestProxy;

// Configuration mistakes end the process with one "error:" line each and exit code 2 (ServiceStartup). The shape
// (top-level statements, no lambda, a Main that returns nothing) is the one WebApplicationFactory's tests need: with
// the build in a lambda or an int Main, a start that fails in a test raced the factory's start against the host's disposal.
WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddRestProxy();
    app = builder.Build();
    app.MapDefaultEndpoints();
    app.MapRestProxy();
}
catch (Exception ex) when (ServiceStartup.ReportIfConfigurationError(ex, Console.Error))
{
    Environment.ExitCode = ServiceStartup.ConfigurationErrorExitCode;
    return;
}

if (!app.ValidateOrReport(Console.Error))
{
    Environment.ExitCode = ServiceStartup.ConfigurationErrorExitCode;
    return;
}

app.Run();

/// <summary>Visible to the tests' <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
