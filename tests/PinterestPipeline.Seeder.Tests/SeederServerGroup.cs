namespace PinterestPipeline.Seeder.Tests;

/// <summary>All seeder tests share one private MariaDB; each test uses its own database.</summary>
[CollectionDefinition(Name)]
public sealed class SeederServerGroup : ICollectionFixture<SeederServerFixture>
{
    public const string Name = "Seeder on MariaDB";
}
