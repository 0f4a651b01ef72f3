namespace PinterestPipeline.AppHost.Hosting.MySql;

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
