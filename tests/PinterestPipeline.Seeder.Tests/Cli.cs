namespace PinterestPipeline.Seeder.Tests;

/// <summary>Runs the seeder's command line in-process, capturing what a user would see.</summary>
public static class Cli
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var exitCode = await SeederCli.RunAsync(args, stdout, stderr, timeout.Token);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
