namespace PinterestPipeline.Seeder.Loading;

public sealed record SeedOutcome(SeedResult Result, string Database);
