namespace PinterestPipeline.AppHost.Tests;

/// <summary>
/// Stand-in container runtime CLIs (shell scripts) for the AppHost's runtime probe, which runs <c>&lt;runtime&gt; info</c>:
/// one that answers as a running Docker does, one that says its daemon is not running, as the docker CLI does here.
/// </summary>
internal static class StandInRuntime
{
    private static readonly Lazy<string> AnsweringScript = new(() => Write("answering-docker", "echo 'Server Version: 27.0'\nexit 0"));
    private static readonly Lazy<string> NoDaemonScript = new(() => Write(
        "no-daemon-docker", "echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2\nexit 1"));

    public static string Answering => AnsweringScript.Value;

    public static string NoDaemon => NoDaemonScript.Value;

    private static string Write(string name, string body)
    {
        var folder = Directory.CreateTempSubdirectory("pp-runtime-");
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
