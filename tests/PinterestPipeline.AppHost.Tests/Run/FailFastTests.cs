namespace PinterestPipeline.AppHost.Tests.Run;

/// <summary>
/// The AppHost as a user runs it, in a mode that cannot work here: it must stop within seconds with one line that says
/// what to do, exit code 2 and no stack trace, instead of waiting for ever.
/// </summary>
public sealed class FailFastTests
{
    // The bound the issue sets, on the AppHost's own run: from dotnet run's launch line to the exit, so the time
    // dotnet run spends evaluating the project first (about 0.7 s of 1.2 s on an idle machine) is not counted.
    // The AppHost itself takes about half a second, plus at most 3 s for the probe.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Containers_without_a_container_runtime_exits_2_within_seconds_with_what_to_start_or_choose()
    {
        var result = await AppHostProcess.RunAsync(TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["ASPIRE_CONTAINER_RUNTIME"] = StandInRuntime.NoDaemon },
            "--Pipeline:Infrastructure", "Containers");

        Assert.Equal(2, result.ExitCode);
        Assert.True(result.AppHostElapsed < Bound, $"the AppHost took {result.AppHostElapsed} ({result.Elapsed} with dotnet run's start)");
        var error = ErrorLine(result);
        Assert.StartsWith("error: Pipeline:Infrastructure is Containers, but no container runtime answered (", error, StringComparison.Ordinal);
        Assert.Contains("Cannot connect to the Docker daemon", error, StringComparison.Ordinal);
        Assert.Contains("--Pipeline:Infrastructure Local", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task External_without_connection_strings_exits_2_within_seconds_naming_the_missing_keys()
    {
        var result = await AppHostProcess.RunAsync(TimeSpan.FromSeconds(60), null, "--Pipeline:Infrastructure", "External");

        Assert.Equal(2, result.ExitCode);
        Assert.True(result.AppHostElapsed < Bound, $"the AppHost took {result.AppHostElapsed} ({result.Elapsed} with dotnet run's start)");
        var error = ErrorLine(result);
        Assert.StartsWith("error: Pipeline:Infrastructure is External, but ConnectionStrings:pinterest and ConnectionStrings:kafka are not set.", error, StringComparison.Ordinal);
        Assert.Contains("host:port", error, StringComparison.Ordinal);
    }

    /// <summary>The one line on stderr; asserts that there is nothing else there (no stack trace).</summary>
    private static string ErrorLine(AppHostProcess.Result result)
    {
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr:\n{result.Output}");
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        return lines[0];
    }
}
