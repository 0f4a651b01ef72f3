using Microsoft.Extensions.Logging.Abstractions;
using PinterestPipeline.AppHost.Hosting.Local;

namespace PinterestPipeline.AppHost.Tests.MySql;

/// <summary>The Local-mode data directory with the machine's real initialiser (mariadb-install-db or mysqld --initialize-insecure).</summary>
public sealed class MySqlDataDirectoryTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("pp-mysql-state-");

    [Fact]
    public async Task The_first_start_initialises_and_later_starts_keep_the_data()
    {
        var binaries = new MySqlServerLocator().Find();
        Assert.True(binaries is not null, MySqlServerBinaries.HowToGet);
        var directory = new MySqlDataDirectory(root.FullName);
        Directory.CreateDirectory(directory.Data + ".initializing");

        await directory.EnsureInitializedAsync(binaries, NullLogger.Instance, CancellationToken.None);
        Assert.True(directory.IsInitialized);
        Assert.False(Directory.Exists(directory.Data + ".initializing"), "An interrupted earlier attempt should be cleared away.");
        var marker = Path.Combine(directory.Data, "kept.txt");
        await File.WriteAllTextAsync(marker, "data");

        await directory.EnsureInitializedAsync(binaries, NullLogger.Instance, CancellationToken.None);
        Assert.True(File.Exists(marker), "An initialised data directory must be kept as it is.");
    }

    [Fact]
    public async Task The_init_file_sets_the_password_for_both_root_accounts_escaped_and_only_the_owner_can_read_it()
    {
        var directory = new MySqlDataDirectory(root.FullName);

        await directory.WriteInitFileAsync(@"it's\x", CancellationToken.None);

        var sql = await File.ReadAllTextAsync(directory.InitFile);
        Assert.Contains(@"ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY 'it''s\\x';", sql, StringComparison.Ordinal);
        Assert.Contains(@"ALTER USER 'root'@'localhost' IDENTIFIED BY 'it''s\\x';", sql, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(directory.InitFile));
        }
    }

    public void Dispose() => root.Delete(recursive: true);
}
