using PinterestPipeline.RestProxy;

var app = ServiceStartup.BuildOrReport(() =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddRestProxy();
    var app = builder.Build();
    app.MapDefaultEndpoints();
    app.MapRestProxy();
    return app;
}, Console.Error);
if (app is null)
{
    return ServiceStartup.ConfigurationErrorExitCode;
}

app.Run();
return 0;

/// <summary>Visible to the tests' <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
