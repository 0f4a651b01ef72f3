using PinterestPipeline.AppHost.Hosting.Local;

namespace PinterestPipeline.AppHost.Tests.MySql;

public sealed class MySqlServerLocatorTests : IDisposable
{
    private readonly DirectoryInfo sbin = Directory.CreateTempSubdirectory("pp-sbin-");
    private readonly DirectoryInfo bin = Directory.CreateTempSubdirectory("pp-bin-");

    [Fact]
    public void Mariadbd_is_preferred_and_comes_with_its_install_tool()
    {
        Touch(sbin, "mysqld");
        var mariadbd = Touch(sbin, "mariadbd");
        var installDb = Touch(bin, "mariadb-install-db");

        var found = new MySqlServerLocator([sbin.FullName, bin.FullName]).Find();

        Assert.Equal(new MySqlServerBinaries(mariadbd, installDb), found);
    }

    [Fact]
    public void Mysqld_without_an_install_tool_is_found_for_initialize_insecure()
    {
        var mysqld = Touch(bin, "mysqld");

        var found = new MySqlServerLocator([sbin.FullName, bin.FullName]).Find();

        Assert.Equal(new MySqlServerBinaries(mysqld, null), found);
    }

    [Fact]
    public void Nothing_is_found_in_folders_without_a_server()
    {
        Touch(bin, "mariadb");

        Assert.Null(new MySqlServerLocator([sbin.FullName, bin.FullName]).Find());
    }

    public void Dispose()
    {
        sbin.Delete(recursive: true);
        bin.Delete(recursive: true);
    }

    private static string Touch(DirectoryInfo folder, string name)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, string.Empty);
        return path;
    }
}
