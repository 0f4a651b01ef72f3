using System.Diagnostics;
using System.Globalization;
using MySqlConnector;

namespace PinterestPipeline.TestSupport.MySql;

/// <summary>
/// A private MariaDB/MySQL server process for tests: its own data directory under the temp folder, a free
/// port on 127.0.0.1 and a known root password; stopped and deleted on dispose. The server and its bootstrap
/// keep their temporary files in the data directory's own <c>tmp</c> folder, not the shared temp folder other
/// servers use at the same time. When PIPELINE_TEST_MYSQL is set, that server is used instead and nothing is started.
/// </summary>
public sealed class MySqlTestServer : IAsyncDisposable
{
    public const string ExternalServerVariable = "PIPELINE_TEST_MYSQL";
    public const string RootPassword = "pipeline-test-root";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BootstrapTimeout = TimeSpan.FromSeconds(60);
    private const string TempFolderName = "tmp";
    private const int LogLines = 30;
    private readonly Process? process;

    private MySqlTestServer(string connectionString, Process? process, string? dataDirectory)
    {
        ConnectionString = connectionString;
        this.process = process;
        DataDirectory = dataDirectory;
    }

    /// <summary>A server-level connection string (no database) for a user that may create databases.</summary>
    public string ConnectionString { get; }

    /// <summary>The private data directory, or null when an external server is used.</summary>
    public string? DataDirectory { get; }

    public int Port => (int)new MySqlConnectionStringBuilder(ConnectionString).Port;

    /// <summary>The connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionStringFor(string database) =>
        new MySqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = UniqueName.For(prefix);
        await ExecuteAsync($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return ConnectionStringFor(name);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<MySqlTestServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new MySqlTestServer(external, process: null, dataDirectory: null);
        }

        var binaries = MySqlServerBinaries.Find() ?? throw new InvalidOperationException(MySqlServerBinaries.HowToGet);
        var dataDirectory = Directory.CreateTempSubdirectory("pp-mysql-").FullName;
        try
        {
            await InitializeAsync(binaries, dataDirectory);
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort.Next();
                var server = Launch(binaries, dataDirectory, port);
                var connectionString = new MySqlConnectionStringBuilder
                {
                    Server = "127.0.0.1",
                    Port = (uint)port,
                    UserID = "root",
                    Password = RootPassword,
                    Pooling = true,
                    ConnectionTimeout = 5,
                }.ConnectionString;
                try
                {
                    await WaitUntilReadyAsync(server, connectionString, dataDirectory);
                    return new MySqlTestServer(connectionString, server, dataDirectory);
                }
                catch (InvalidOperationException) when (attempt < 3 && server.HasExited && ErrorLog(dataDirectory).Contains("already in use", StringComparison.OrdinalIgnoreCase))
                {
                    // Another process took the port between our probe and the server's bind: try another.
                }
            }
        }
        catch
        {
            TryDelete(dataDirectory);
            throw;
        }
    }

    private static async Task InitializeAsync(MySqlServerBinaries binaries, string dataDirectory)
    {
        var tempFolder = Path.Combine(dataDirectory, TempFolderName);
        string file;
        List<string> arguments;
        if (binaries.InstallDb is not null && binaries.IsMariaDb)
        {
            // mariadb-install-db passes the options it does not know on to the bootstrap server.
            Directory.CreateDirectory(tempFolder);
            file = binaries.InstallDb;
            arguments =
            [
                "--no-defaults", $"--datadir={dataDirectory}", "--auth-root-authentication-method=normal",
                "--skip-test-db", "--skip-name-resolve", "--user=" + Environment.UserName,
                .. TempFolderOptions(binaries, dataDirectory),
            ];
        }
        else
        {
            // MySQL's --initialize wants an empty data directory: its temp folder is made once it is done.
            file = binaries.Server;
            arguments = ["--no-defaults", "--initialize-insecure", $"--datadir={dataDirectory}", "--user=" + Environment.UserName];
        }

        var (exitCode, output, timedOut) = await RunAsync(file, arguments, BootstrapTimeout);
        if (timedOut || exitCode != 0)
        {
            var what = timedOut ? $"did not finish within {BootstrapTimeout.TotalSeconds:0} s" : $"failed (exit {exitCode})";
            throw new InvalidOperationException(
                $"Initialising a MySQL data directory with '{file}' {what}. Its output (last {LogLines} lines):\n{Tail(output)}");
        }

        Directory.CreateDirectory(tempFolder);

        // Root gets a password and a loopback account; the init file runs at every start and is idempotent.
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "init.sql"), string.Create(CultureInfo.InvariantCulture, $"""
            CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '{RootPassword}';
            ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '{RootPassword}';
            GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
            ALTER USER 'root'@'localhost' IDENTIFIED BY '{RootPassword}';
            FLUSH PRIVILEGES;
            """));
    }

    private static Process Launch(MySqlServerBinaries binaries, string dataDirectory, int port)
    {
        var start = new ProcessStartInfo(binaries.Server)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "--no-defaults",
            $"--datadir={dataDirectory}",
            .. TempFolderOptions(binaries, dataDirectory),
            $"--port={port}",
            "--bind-address=127.0.0.1",
            $"--socket={Path.Combine(dataDirectory, "mysqld.sock")}",
            $"--pid-file={Path.Combine(dataDirectory, "mysqld.pid")}",
            $"--log-error={Path.Combine(dataDirectory, "error.log")}",
            $"--init-file={Path.Combine(dataDirectory, "init.sql")}",
            "--user=" + Environment.UserName,
            "--skip-name-resolve",
            "--skip-log-bin",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci",
            "--max-connections=500",
            // Test data is thrown away: trade durability for speed.
            "--innodb-buffer-pool-size=128M",
            "--innodb-log-file-size=64M",
            "--innodb-flush-log-at-trx-commit=0",
            "--innodb-doublewrite=0",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{binaries.Server}'.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(Process server, string connectionString, string dataDirectory)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"The MySQL test server exited with code {server.ExitCode} while starting. Its log:\n{ErrorLog(dataDirectory)}");
            }

            try
            {
                await using var connection = new MySqlConnection(connectionString);
                await connection.OpenAsync();
                return;
            }
            catch (MySqlException) when (deadline.Elapsed < ReadyTimeout)
            {
                await Task.Delay(100);
            }
            catch (MySqlException ex)
            {
                server.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"The MySQL test server did not accept connections within {ReadyTimeout.TotalSeconds:0} s ({ex.Message}). Its log:\n{ErrorLog(dataDirectory)}", ex);
            }
        }
    }

    /// <summary>
    /// The server's own temp folder inside its data directory; MariaDB is told the folder is no database
    /// (MySQL 8 no longer takes a directory for one).
    /// </summary>
    private static IEnumerable<string> TempFolderOptions(MySqlServerBinaries binaries, string dataDirectory) =>
        binaries.IsMariaDb
            ? [$"--tmpdir={Path.Combine(dataDirectory, TempFolderName)}", $"--ignore-db-dirs={TempFolderName}"]
            : [$"--tmpdir={Path.Combine(dataDirectory, TempFolderName)}"];

    /// <summary>The last <see cref="LogLines"/> lines of the server's error log.</summary>
    private static string ErrorLog(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "error.log");
        return File.Exists(path) ? Tail(File.ReadAllText(path)) : "(no error log)";
    }

    private static string Tail(string text) =>
        string.Join('\n', text.Split('\n').Select(line => line.TrimEnd('\r')).Reverse().SkipWhile(string.IsNullOrEmpty).Take(LogLines).Reverse());

    private static async Task<(int ExitCode, string Output, bool TimedOut)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{file}'.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            // Killed, its pipes close: what it printed until then still comes back.
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return (timedOut ? -1 : process.ExitCode, await stdout + await stderr, timedOut);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                // SIGTERM lets the server shut down in order; we only wait a little, then make sure.
                using var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }

            process.Dispose();
        }

        MySqlConnection.ClearAllPools();
        if (DataDirectory is not null)
        {
            TryDelete(DataDirectory);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
