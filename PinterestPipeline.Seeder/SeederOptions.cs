using PinterestPipeline.Seeder.Data;
using PinterestPipeline.Seeder.Schema;

namespace PinterestPipeline.Seeder;

/// <summary>
/// Bound from <c>Seeder</c>; the command-line flags write into the same keys, so under Aspire the same settings are
/// environment variables (<c>Seeder__Reset=true</c>). The database comes from <c>ConnectionStrings:pinterest</c>.
/// </summary>
public sealed class SeederOptions
{
    public const string SectionName = "Seeder";
    public const string ConnectionName = "pinterest";

    /// <summary>Guards against a typo like <c>--rows 1100000000</c> exhausting memory: all rows are generated up front.</summary>
    public const int MaximumRows = 1_000_000;

    public int Seed { get; set; } = SeedDataGenerator.DefaultSeed;

    public int Rows { get; set; } = SourceSchema.MinimumRows;

    /// <summary>Drop the three source tables and load them again, whatever they hold.</summary>
    public bool Reset { get; set; }

    /// <summary>When set, write the SQL script to this file and touch no database.</summary>
    public string? SqlOut { get; set; }

    /// <summary>Accept fewer than <see cref="SourceSchema.MinimumRows"/> rows, knowing some emitter offsets will find nothing.</summary>
    public bool AllowFewerRows { get; set; }
}
