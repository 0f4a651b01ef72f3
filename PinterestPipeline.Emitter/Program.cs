using Microsoft.Extensions.Options;
using PinterestPipeline.Emitter.Configuration;
using PinterestPipeline.Emitter.Worker;

try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddServiceDefaults();
    builder.AddEmitter();

    using var host = builder.Build();

    // Checked before the host starts, which would log a failed start with a stack trace; ValidateOnStart then finds them valid.
    _ = host.Services.GetRequiredService<IOptions<EmitterOptions>>().Value;
    var result = host.Services.GetRequiredService<EmitterRunResult>();
    await host.RunAsync();

    // After the host (and its console logger) is done, so this is the last line: how many events were delivered and why not.
    if (result.FinalLine is { } finalLine)
    {
        await (result.ExitCode == EmitterRunResult.Success ? Console.Out : Console.Error).WriteLineAsync(finalLine);
    }

    return result.ExitCode;
}
catch (OptionsValidationException ex)
{
    // Configuration mistakes: a line per setting, not a stack trace.
    foreach (var failure in ex.Failures)
    {
        await Console.Error.WriteLineAsync($"error: {failure}");
    }

    return EmitterRunResult.InvalidConfiguration;
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
    return EmitterRunResult.InvalidConfiguration;
}
