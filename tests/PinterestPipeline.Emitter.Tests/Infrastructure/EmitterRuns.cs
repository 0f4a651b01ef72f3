using PinterestPipeline.TestSupport.MySql;

namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>
/// The test classes that use MariaDB: they share one server (each test uses its own database) and run one after
/// another, so the emitter runs do not compete for the two cores. Only <see cref="ProxyOutage"/> has a server of its
/// own, so that its minute-long outage overlaps these classes instead of following them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EmitterRuns : ICollectionFixture<MySqlFixture>
{
    public const string Name = "Emitter runs";
}
