using PinterestPipeline.TestSupport;

namespace PinterestPipeline.Sink.Tests.Configuration;

/// <summary>
/// The sink as its own process with settings that cannot work: one <c>error:</c> line per problem on stderr and exit
/// code 2, not the host's "Hosting failed to start" with a stack trace and exit code 134 (what a deployment made from an
/// incomplete manifest showed).
/// </summary>
public sealed class ConfigurationErrorExitTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("Sink:Storage", "Local", "error: Sink:Storage is Local, so set Sink:LocalPath to the folder that stands for the bucket (environment variable Sink__LocalPath).")]
    [InlineData("Sink:Storage", "S3", "error: Sink:Storage is S3, so set Sink:S3:BucketName")]
    public async Task A_setting_that_cannot_work_exits_2_with_one_line_and_no_stack_trace(string key, string value, string expected)
    {
        using var sink = ServiceProcess.Start("PinterestPipeline.Sink", new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = "127.0.0.1:9",
            ["Pipeline:TopicPrefix"] = "cfgerr",
            [key] = value,
        });

        var exitCode = await sink.WaitForExitAsync(ExitTimeout);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(sink.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", sink.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", sink.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_missing_settings_give_a_line_each()
    {
        using var sink = ServiceProcess.Start("PinterestPipeline.Sink", new Dictionary<string, string?>());

        var exitCode = await sink.WaitForExitAsync(ExitTimeout);

        Assert.Equal(2, exitCode);
        var lines = sink.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(lines, line => Assert.StartsWith("error: ", line, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("ConnectionStrings:kafka", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", sink.Output, StringComparison.Ordinal);
    }
}
