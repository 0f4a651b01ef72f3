using PinterestPipeline.TestSupport.MySql;

namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>
/// Test classes that run the emitter to completion. The emitter sets the process exit code (0 when Count is reached,
/// 1 when the database is unusable) and some tests assert it, so these classes run one after another; they share one
/// MariaDB server (each test uses its own database).
/// </summary>
[CollectionDefinition(Name)]
public sealed class EmitterRuns : ICollectionFixture<MySqlFixture>
{
    public const string Name = "Emitter runs";
}
