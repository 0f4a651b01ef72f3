using PinterestPipeline.Emitter;
using PinterestPipeline.Emitter.Worker;

var host = ServiceStartup.BuildOrReport(() =>
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddServiceDefaults();
    builder.AddEmitter();
    return builder.Build();
}, Console.Error);
if (host is null)
{
    return EmitterRunResult.InvalidConfiguration;
}

var result = host.Services.GetRequiredService<EmitterRunResult>();
await host.RunAsync();

// After the host (and its console logger) is done, so this is the last line: how many events were delivered and why not.
if (result.FinalLine is { } finalLine)
{
    await (result.ExitCode == EmitterRunResult.Success ? Console.Out : Console.Error).WriteLineAsync(finalLine);
}

return result.ExitCode;
