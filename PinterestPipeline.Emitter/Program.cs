using Microsoft.Extensions.Options;
using PinterestPipeline.Emitter.Configuration;

try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddServiceDefaults();
    builder.AddEmitter();

    using var host = builder.Build();

    // Checked before the host starts, which would log a failed start with a stack trace; ValidateOnStart then finds them valid.
    _ = host.Services.GetRequiredService<IOptions<EmitterOptions>>().Value;
    await host.RunAsync();

    // 0, or 1 when the worker found the database unusable (see EmitterWorker).
    return Environment.ExitCode;
}
catch (OptionsValidationException ex)
{
    // Configuration mistakes: a line per setting, not a stack trace.
    foreach (var failure in ex.Failures)
    {
        await Console.Error.WriteLineAsync($"error: {failure}");
    }

    return 2;
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
    return 2;
}
