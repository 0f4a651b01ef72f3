using PinterestPipeline.AppHost.Hosting.Infrastructure;

namespace PinterestPipeline.AppHost.Tests.Infrastructure;

/// <summary>The real probe against small stand-in CLIs: one that answers, one without a daemon, one that hangs.</summary>
public sealed class ContainerRuntimeProbeTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("pp-runtime-probe-");

    [Fact]
    public async Task A_runtime_whose_info_exits_0_is_available()
    {
        var runtime = Script("answers", "echo 'Server Version: 27.0'\nexit 0");

        var status = await new ContainerRuntimeProbe([Script("no-daemon", "exit 1"), runtime], TimeSpan.FromSeconds(20)).ProbeAsync(CancellationToken.None);

        Assert.True(status.IsAvailable, status.Description);
        Assert.Contains("answers", status.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cli_without_a_daemon_is_not_available_and_says_why()
    {
        var runtime = Script("no-daemon", "echo 'Cannot connect to the Docker daemon' >&2\nexit 1");

        var status = await new ContainerRuntimeProbe([runtime], TimeSpan.FromSeconds(20)).ProbeAsync(CancellationToken.None);

        Assert.False(status.IsAvailable);
        Assert.Contains("Cannot connect to the Docker daemon", status.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runtime_that_does_not_answer_within_the_timeout_is_not_available()
    {
        var runtime = Script("hangs", "sleep 60");

        var status = await new ContainerRuntimeProbe([runtime], TimeSpan.FromMilliseconds(500)).ProbeAsync(CancellationToken.None);

        Assert.False(status.IsAvailable);
        Assert.Contains("no answer within", status.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runtime_that_is_not_installed_is_not_available()
    {
        var missing = Path.Combine(folder.FullName, "not-installed");

        var status = await new ContainerRuntimeProbe([missing], TimeSpan.FromSeconds(20)).ProbeAsync(CancellationToken.None);

        Assert.False(status.IsAvailable);
        Assert.Contains("not installed", status.Description, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Delete(recursive: true);

    private string Script(string name, string body)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
