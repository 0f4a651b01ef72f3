namespace PinterestPipeline.AppHost.Hosting.Local;

/// <summary>Finds a MySQL-compatible server on this machine (a seam so the mode decision can be tested).</summary>
public interface IMySqlServerLocator
{
    MySqlServerBinaries? Find();
}

/// <summary>A MySQL-compatible server binary and the tool that initialises its data directory.</summary>
/// <param name="Server">Path of <c>mariadbd</c> or <c>mysqld</c>.</param>
/// <param name="InstallDb">
/// Path of <c>mariadb-install-db</c>/<c>mysql_install_db</c>, or null: MySQL 8 dropped that tool and
/// initialises with <c>mysqld --initialize-insecure</c> instead.
/// </param>
public sealed record MySqlServerBinaries(string Server, string? InstallDb)
{
    public const string HowToGet =
        "No MySQL-compatible server binary (mariadbd or mysqld) was found on PATH or in the usual folders. " +
        "Install one (Debian/Ubuntu: 'apt-get install -y mariadb-server'; macOS: 'brew install mariadb'), " +
        "or install Docker/Podman and use Pipeline:Infrastructure=Containers, " +
        "or point at existing servers with Pipeline:Infrastructure=External and ConnectionStrings:pinterest / ConnectionStrings:kafka.";
}

/// <summary>Looks for <c>mariadbd</c> (preferred) or <c>mysqld</c> in the given folders, by default PATH plus the usual install locations.</summary>
public sealed class MySqlServerLocator(IEnumerable<string> folders) : IMySqlServerLocator
{
    // sbin folders are often missing from a non-root user's PATH, and Homebrew/tarball installs live elsewhere.
    private static readonly string[] UsualFolders =
        ["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/mysql/bin", "/opt/homebrew/bin", "/opt/homebrew/sbin"];

    private readonly string[] folders = folders.Distinct(StringComparer.Ordinal).ToArray();

    public MySqlServerLocator()
        : this((Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(UsualFolders))
    {
    }

    public MySqlServerBinaries? Find()
    {
        var installDb = Locate("mariadb-install-db") ?? Locate("mysql_install_db");
        if (Locate("mariadbd") is { } mariadbd)
        {
            return new MySqlServerBinaries(mariadbd, installDb);
        }

        return Locate("mysqld") is { } mysqld ? new MySqlServerBinaries(mysqld, installDb) : null;
    }

    private string? Locate(string name) =>
        folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
