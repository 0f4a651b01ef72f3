namespace PinterestPipeline.TestSupport.MySql;

/// <summary>Finds a MariaDB or MySQL server and its data-directory initialiser on this machine.</summary>
public sealed record MySqlServerBinaries(string Server, string? InstallDb, bool IsMariaDb)
{
    public const string HowToGet =
        "No MySQL-compatible server binary (mariadbd or mysqld) was found. Install one with " +
        "'apt-get install -y mariadb-server', or set PIPELINE_TEST_MYSQL to the connection string of a server the tests may use " +
        "(a user that can create and drop databases).";

    private static readonly string[] SearchFolders = ["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/mysql/bin", "/opt/homebrew/bin", "/opt/homebrew/sbin"];

    public static MySqlServerBinaries? Find()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(SearchFolders)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        var mariadbd = Locate(folders, "mariadbd");
        if (mariadbd is not null)
        {
            return new MySqlServerBinaries(mariadbd, Locate(folders, "mariadb-install-db") ?? Locate(folders, "mysql_install_db"), IsMariaDb: true);
        }

        var mysqld = Locate(folders, "mysqld");
        return mysqld is null ? null : new MySqlServerBinaries(mysqld, Locate(folders, "mariadb-install-db") ?? Locate(folders, "mysql_install_db"), IsMariaDb: false);
    }

    private static string? Locate(IEnumerable<string> folders, string name) =>
        folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
