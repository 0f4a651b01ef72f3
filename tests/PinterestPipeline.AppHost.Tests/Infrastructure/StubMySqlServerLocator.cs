using PinterestPipeline.AppHost.Hosting.Local;

namespace PinterestPipeline.AppHost.Tests.Infrastructure;

/// <summary>A MySQL server locator with a fixed answer.</summary>
internal sealed class StubMySqlServerLocator(MySqlServerBinaries? binaries) : IMySqlServerLocator
{
    public MySqlServerBinaries? Find() => binaries;
}
