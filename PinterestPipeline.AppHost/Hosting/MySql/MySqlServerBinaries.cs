namespace PinterestPipeline.AppHost.Hosting.MySql;

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
