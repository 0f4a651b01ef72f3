using PinterestPipeline.TestSupport.MySql;

namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>
/// Test classes that run the emitter to completion. They share one MariaDB server (each test uses its own database) and
/// run one after another, so the runs do not compete for the two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EmitterRuns : ICollectionFixture<MySqlFixture>
{
    public const string Name = "Emitter runs";
}
