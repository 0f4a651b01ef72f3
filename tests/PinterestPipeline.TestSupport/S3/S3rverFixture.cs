using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace PinterestPipeline.TestSupport.S3;

/// <summary>
/// xunit fixture: an S3-compatible server (s3rver from npm, installed by <c>npm ci --prefix tests/tools</c>)
/// as a child process on a free port, with its own data directory that is deleted afterwards.
/// </summary>
public sealed partial class S3rverFixture : IAsyncLifetime
{
    /// <summary>s3rver's fixed credentials; any request signed with others is refused.</summary>
    public const string AccessKeyId = "S3RVER";

    public const string SecretAccessKey = "S3RVER";

    private const string InstallHint = "run `npm ci --prefix tests/tools` from the repository root (needs Node.js 20 and npm)";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string directory = Path.Combine(Path.GetTempPath(), UniqueName.For("s3rver"));
    private Process? process;
    private Uri? serviceUrl;

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:41234/</c>; clients need path-style addressing.</summary>
    public Uri ServiceUrl => serviceUrl ?? throw new InvalidOperationException("The s3rver fixture has not started.");

    public async Task InitializeAsync()
    {
        var script = FindScript();
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "--directory", directory, "--address", "127.0.0.1", "--port", "0", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Node.js ('node') was not found ({ex.Message}); install Node.js 20, then {InstallHint}.", ex);
        }

        // Even with --silent, s3rver prints the address it bound; port 0 lets the OS choose, so no port race.
        using var timeout = new CancellationTokenSource(StartTimeout);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                var port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                serviceUrl = new Uri($"http://127.0.0.1:{port}/");
                return;
            }
        }

        throw new InvalidOperationException($"s3rver exited without listening: {await stderr}. If it is not installed, {InstallHint}.");
    }

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var tools = Path.Combine(dir.FullName, "tests", "tools");
            if (File.Exists(Path.Combine(tools, "package.json")))
            {
                var script = Path.Combine(tools, "node_modules", "s3rver", "bin", "s3rver.js");
                return File.Exists(script)
                    ? script
                    : throw new InvalidOperationException($"s3rver is not installed ({script} is missing); {InstallHint}.");
            }
        }

        throw new InvalidOperationException($"tests/tools/package.json was not found above {AppContext.BaseDirectory}; run the tests from the repository checkout.");
    }

    [GeneratedRegex(@"S3rver listening on .+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
