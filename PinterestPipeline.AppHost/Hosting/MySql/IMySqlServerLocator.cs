namespace PinterestPipeline.AppHost.Hosting.MySql;

/// <summary>Finds a MySQL-compatible server on this machine (a seam so the mode decision can be tested).</summary>
public interface IMySqlServerLocator
{
    MySqlServerBinaries? Find();
}
