using PinterestPipeline.Sink;
using PinterestPipeline.Sink.Consuming;

var host = ServiceStartup.BuildOrReport(() =>
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddServiceDefaults();
    builder.AddSink();
    return builder.Build();
}, Console.Error);
if (host is null)
{
    return ServiceStartup.ConfigurationErrorExitCode;
}

var status = host.Services.GetRequiredService<SinkStatus>();
await host.RunAsync();
return status.ExitCode;
