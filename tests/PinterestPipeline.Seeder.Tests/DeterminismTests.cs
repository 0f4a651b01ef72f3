using System.Globalization;
using PinterestPipeline.Seeder.Data;
using PinterestPipeline.Seeder.Schema;

namespace PinterestPipeline.Seeder.Tests;

[Collection(SeederServerGroup.Name)]
public sealed class DeterminismTests(SeederServerFixture fixture)
{
    /// <summary>
    /// The documented checksum of the default data (seed 100, 11,001 rows). It changes only if the generator,
    /// the Bogus version or the schema changes, and then the Seeder README's value (Data) must change with it.
    /// </summary>
    public const string DefaultChecksum = "c7c9e1b30c677091893c2c2b3ac491827749d40a12474b33dd93b387684c0dd0";

    [Fact]
    public void Default_data_has_the_documented_checksum()
    {
        Assert.Equal(DefaultChecksum, SourceChecksum.Compute(SeedDataGenerator.Generate()));
    }

    [Fact]
    public async Task Seeded_database_has_the_documented_checksum()
    {
        var cs = await fixture.SeededDatabaseAsync();
        Assert.Equal(DefaultChecksum, await Sql.ChecksumAsync(cs));
    }

    [Fact]
    public async Task Same_seed_and_rows_give_byte_identical_databases_and_another_seed_does_not()
    {
        var first = await fixture.CreateDatabaseAsync();
        var second = await fixture.CreateDatabaseAsync();
        var other = await fixture.CreateDatabaseAsync();
        Assert.Equal(0, (await Cli.RunAsync("--connection", first, "--seed", "7", "--rows", "11500")).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("--connection", second, "--seed", "7", "--rows", "11500")).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("--connection", other, "--seed", "8", "--rows", "11500")).ExitCode);

        var checksum = await Sql.ChecksumAsync(first);
        Assert.Equal(checksum, await Sql.ChecksumAsync(second));
        Assert.Equal(SourceChecksum.Compute(SeedDataGenerator.Generate(7, 11_500)), checksum);
        Assert.NotEqual(checksum, await Sql.ChecksumAsync(other));
    }

    [Theory]
    [InlineData("tr-TR")]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    public void Generation_does_not_depend_on_the_current_culture(string cultureName)
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(cultureName);
            Assert.Equal(DefaultChecksum, SourceChecksum.Compute(SeedDataGenerator.Generate()));
            Assert.Equal(CultureInfo.GetCultureInfo(cultureName), CultureInfo.CurrentCulture);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void More_rows_extend_fewer_rows_without_changing_them()
    {
        var small = SeedDataGenerator.Generate(3, 500);
        var large = SeedDataGenerator.Generate(3, 1_000);
        foreach (var table in SourceSchema.Tables)
        {
            Assert.Equal(small.RowsOf(table).Select(Line), large.RowsOf(table).Take(500).Select(Line));
        }
    }

    [Fact]
    public void Generated_text_is_safe_as_a_sql_literal_in_any_sql_mode()
    {
        var data = SeedDataGenerator.Generate();
        var texts = SourceSchema.Tables.SelectMany(data.RowsOf).SelectMany(row => row.OfType<string>());
        Assert.All(texts, text => Assert.DoesNotContain(text, c => c == '\\' || char.IsControl(c)));
    }

    private static string Line(object[] row) => string.Join('\u001F', row.Select(SourceValue.Format));
}
