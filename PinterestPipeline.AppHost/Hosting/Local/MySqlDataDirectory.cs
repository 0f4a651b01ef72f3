using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace PinterestPipeline.AppHost.Hosting.Local;

/// <summary>
/// The files of a local MySQL server under the AppHost's state folder: <c>data/</c> (initialised once and
/// kept across runs), the init file that sets the root password at every start, <c>tmp/</c> and the socket.
/// </summary>
internal sealed class MySqlDataDirectory(string root)
{
    // A Unix socket path must fit in sockaddr_un (108 bytes on Linux, 104 on macOS).
    private const int MaxSocketPathLength = 100;
    private static readonly TimeSpan InitializeTimeout = TimeSpan.FromMinutes(2);

    public string Root { get; } = root;

    public string Data => Path.Combine(Root, "data");

    public string InitFile => Path.Combine(Root, "init.sql");

    public string PidFile => Path.Combine(Root, "mysqld.pid");

    /// <summary>
    /// The server's own folder for temporary tables, not the shared <c>/tmp</c>: a first start under a busy test run once
    /// failed when the bootstrap's temporary tables in <c>/tmp</c> were gone (<c>ERROR: 1051 Unknown table
    /// 'mysql.tmp_user_nopasswd,...'</c>, "Could not remove temporary table: '/tmp/#sql-temptable-...'").
    /// </summary>
    public string TempDirectory => Path.Combine(Root, "tmp");

    public string Socket
    {
        get
        {
            var socket = Path.Combine(Root, "mysqld.sock");
            return socket.Length <= MaxSocketPathLength
                ? socket
                : Path.Combine(Path.GetTempPath(), $"pp-mysqld-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Root)))[..12]}.sock");
        }
    }

    public bool IsInitialized => Directory.Exists(Path.Combine(Data, "mysql"));

    /// <summary>Creates the data directory on first start; an interrupted earlier attempt is thrown away and redone.</summary>
    public async Task EnsureInitializedAsync(MySqlServerBinaries binaries, ILogger logger, CancellationToken cancellationToken)
    {
        // Every start (and so the root too): a data directory made before the server had its own temporary folder has none yet.
        Directory.CreateDirectory(TempDirectory);
        if (IsInitialized)
        {
            return;
        }

        var staging = Data + ".initializing";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        HostingLog.InitializingDataDirectory(logger, Data);
        var (file, arguments) = binaries.InstallDb is { } installDb
            ? (installDb, new[]
            {
                "--no-defaults", $"--datadir={staging}", "--auth-root-authentication-method=normal",
                "--skip-test-db", "--skip-name-resolve", $"--user={Environment.UserName}", $"--tmpdir={TempDirectory}",
            })
            : (binaries.Server, ["--no-defaults", "--initialize-insecure", $"--datadir={staging}", $"--user={Environment.UserName}", $"--tmpdir={TempDirectory}"]);

        var (exitCode, output) = await RunAsync(file, arguments, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"Initialising the MySQL data directory with '{file}' failed (exit code {exitCode}). Its output:\n{output}");
        }

        if (Directory.Exists(Data))
        {
            // A data folder without system tables is a leftover, not data worth keeping.
            Directory.Delete(Data, recursive: true);
        }

        Directory.Move(staging, Data);
    }

    /// <summary>
    /// Writes the SQL the server runs at every start: the root password for <c>root@localhost</c> and
    /// <c>root@127.0.0.1</c> always matches the parameter, even after the parameter changes. Only the owner may read it.
    /// </summary>
    public async Task WriteInitFileAsync(string password, CancellationToken cancellationToken)
    {
        var literal = password.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal);
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '{literal}';
            ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '{literal}';
            GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
            ALTER USER 'root'@'localhost' IDENTIFIED BY '{literal}';
            FLUSH PRIVILEGES;
            """);

        Directory.CreateDirectory(Root);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(InitFile, options);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(sql), cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(InitFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>The server's command line, after the port.</summary>
    public IEnumerable<string> ServerArguments() =>
    [
        "--no-defaults",
        $"--datadir={Data}",
        "--bind-address=127.0.0.1",
        $"--socket={Socket}",
        $"--pid-file={PidFile}",
        $"--init-file={InitFile}",
        $"--tmpdir={TempDirectory}",
        $"--user={Environment.UserName}",
        "--skip-name-resolve",
        "--skip-log-bin",
        "--character-set-server=utf8mb4",
        "--collation-server=utf8mb4_unicode_ci",
    ];

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{file}'.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InitializeTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'{file}' did not finish within {InitializeTimeout.TotalSeconds:0} s.");
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }
}
