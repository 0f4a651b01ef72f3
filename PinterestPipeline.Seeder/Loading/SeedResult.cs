namespace PinterestPipeline.Seeder.Loading;

public enum SeedResult
{
    /// <summary>The tables were created (or were empty) and loaded.</summary>
    Seeded,

    /// <summary><c>--reset</c>: the tables were dropped, created and loaded.</summary>
    Reloaded,

    /// <summary>The tables already held exactly this data; nothing was written.</summary>
    AlreadySeeded,
}
