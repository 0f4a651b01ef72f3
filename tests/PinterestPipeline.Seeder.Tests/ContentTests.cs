using PinterestPipeline.Seeder.Data;
using PinterestPipeline.Seeder.Schema;

namespace PinterestPipeline.Seeder.Tests;

/// <summary>What the default seed puts in the database: counts, alignment, quirks at their documented rates, ranges.</summary>
[Collection(SeederServerGroup.Name)]
public sealed class ContentTests(SeederServerFixture fixture)
{
    private const int Rows = SourceSchema.MinimumRows;

    [Fact]
    public async Task Every_table_has_11001_contiguous_rows_from_0_aligned_by_index()
    {
        var cs = await fixture.SeededDatabaseAsync();
        foreach (var table in SourceSchema.Tables)
        {
            var key = TableSchema.Quote(table.KeyColumn);
            var stats = (await Sql.RowsAsync(cs, $"SELECT COUNT(*), COUNT(DISTINCT {key}), MIN({key}), MAX({key}) FROM {table.Name}")).Single();
            Assert.Equal([(long)Rows, (long)Rows, 0, Rows - 1], stats.Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)));
        }

        var aligned = await Sql.ScalarAsync<long>(cs,
            "SELECT COUNT(*) FROM pinterest_data p JOIN geolocation_data g ON g.ind = p.`index` JOIN user_data u ON u.ind = p.`index`");
        Assert.Equal(Rows, aligned);

        // The emitter's query: every offset it can draw hits a row.
        var last = await Sql.RowsAsync(cs, "SELECT `index` FROM pinterest_data LIMIT 11000, 1");
        Assert.Equal(11000, Assert.Single(last)[0]);
    }

    public static TheoryData<string, string, double, double> QuirkRates => new()
    {
        // column, value, lowest and highest share of rows (percent) the Seeder README documents (Data).
        { "poster_name", SourcePlaceholders.UserInfoError, 1.0, 2.0 },
        { "follower_count", SourcePlaceholders.UserInfoError, 1.0, 2.0 },
        { "title", SourcePlaceholders.NoTitle, 1.8, 3.2 },
        { "description", SourcePlaceholders.NoDescriptionStory, 4.5, 6.5 },
        { "description", SourcePlaceholders.NoDescription, 1.3, 2.5 },
        { "description", SourcePlaceholders.Untitled, 0.5, 1.4 },
        { "tag_list", SourcePlaceholders.NoTags, 2.7, 4.3 },
        { "image_src", SourcePlaceholders.ImageSrcError, 1.8, 3.2 },
        { "is_image_or_video", SourcePlaceholders.Image, 81.0, 86.0 },
        { "is_image_or_video", SourcePlaceholders.Video, 5.8, 8.0 },
        { "is_image_or_video", SourcePlaceholders.Story, 8.0, 11.0 },
    };

    [Theory]
    [MemberData(nameof(QuirkRates))]
    public async Task Quirk_rate_is_inside_its_documented_range(string column, string value, double lowestPercent, double highestPercent)
    {
        var cs = await fixture.SeededDatabaseAsync();
        var count = await Sql.ScalarAsync<long>(cs, $"SELECT COUNT(*) FROM pinterest_data WHERE `{column}` = '{value}'");
        var percent = 100.0 * count / Rows;
        Assert.InRange(percent, lowestPercent, highestPercent);
    }

    [Fact]
    public async Task Descriptions_are_often_cut_off_with_an_ellipsis()
    {
        var cs = await fixture.SeededDatabaseAsync();
        var count = await Sql.ScalarAsync<long>(cs, $"SELECT COUNT(*) FROM pinterest_data WHERE description LIKE '%{SourcePlaceholders.Ellipsis}'");
        Assert.InRange(100.0 * count / Rows, 28.0, 36.0);
    }

    [Fact]
    public async Task Broken_rows_look_like_the_real_row_7528()
    {
        var cs = await fixture.SeededDatabaseAsync();
        var broken = await Sql.RowsAsync(cs, $"SELECT * FROM pinterest_data WHERE poster_name = '{SourcePlaceholders.UserInfoError}'");
        Assert.NotEmpty(broken);
        Assert.All(broken, row =>
        {
            Assert.Equal(SourcePlaceholders.NoTitle, row[2]);
            Assert.Equal(SourcePlaceholders.NoDescriptionStory, row[3]);
            Assert.Equal(SourcePlaceholders.UserInfoError, row[5]);
            Assert.Equal(SourcePlaceholders.NoTags, row[6]);
            Assert.Equal(SourcePlaceholders.Story, row[7]);
            Assert.Equal(SourcePlaceholders.ImageSrcError, row[8]);
            Assert.Equal(0, row[9]);
        });
    }

    [Fact]
    public async Task Follower_counts_are_plain_k_or_M_strings_and_all_three_forms_are_common()
    {
        var cs = await fixture.SeededDatabaseAsync();
        var values = (await Sql.RowsAsync(cs, "SELECT follower_count FROM pinterest_data")).Select(r => (string)r[0]).ToList();
        var formed = values.Where(v => v != SourcePlaceholders.UserInfoError).ToList();
        Assert.All(formed, v => Assert.Matches("^[1-9][0-9]{0,2}[kM]?$", v));
        Assert.InRange(100.0 * formed.Count(v => v.EndsWith('k')) / Rows, 30.0, 70.0);
        Assert.InRange(100.0 * formed.Count(v => v.EndsWith('M')) / Rows, 5.0, 30.0);
        Assert.InRange(100.0 * formed.Count(v => char.IsDigit(v[^1])) / Rows, 15.0, 50.0);
    }

    [Fact]
    public async Task All_13_categories_appear_with_a_matching_save_location()
    {
        var cs = await fixture.SeededDatabaseAsync();
        var perCategory = await Sql.RowsAsync(cs, "SELECT category, COUNT(*) FROM pinterest_data GROUP BY category ORDER BY category");
        Assert.Equal(PinCategories.Names.Order(StringComparer.Ordinal), perCategory.Select(r => (string)r[0]));
        Assert.All(perCategory, r => Assert.InRange(100.0 * Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture) / Rows, 5.0, 10.5));
        var mismatched = await Sql.ScalarAsync<long>(cs, "SELECT COUNT(*) FROM pinterest_data WHERE save_location <> CONCAT('Local save in /data/', category)");
        Assert.Equal(0, mismatched);
    }

    [Fact]
    public async Task Tags_images_and_ids_have_the_original_formats()
    {
        var cs = await fixture.SeededDatabaseAsync();
        var rows = await Sql.RowsAsync(cs, "SELECT unique_id, tag_list, image_src, downloaded FROM pinterest_data");
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", (string)r[0]));
        Assert.Equal(Rows, rows.Select(r => (string)r[0]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows.Where(r => (string)r[1] != SourcePlaceholders.NoTags), r => Assert.Matches("^[^, ][^,]*[^, ](,[^, ][^,]*[^, ])+$", (string)r[1]));
        Assert.All(rows.Where(r => (string)r[2] != SourcePlaceholders.ImageSrcError), r => Assert.StartsWith("https://i.pinimg.com/originals/", (string)r[2], StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains((int)r[3], new[] { 0, 1 }));
        Assert.InRange(100.0 * rows.Count(r => (int)r[3] == 1) / Rows, 90.0, 95.0);
    }

    [Fact]
    public async Task Dates_ages_and_coordinates_are_inside_the_reference_ranges()
    {
        var cs = await fixture.SeededDatabaseAsync();
        var geo = (await Sql.RowsAsync(cs, "SELECT MIN(`timestamp`), MAX(`timestamp`), MIN(latitude), MAX(latitude), MIN(longitude), MAX(longitude) FROM geolocation_data")).Single();
        Assert.InRange((DateTime)geo[0], new DateTime(2017, 12, 1), new DateTime(2018, 1, 1));
        Assert.InRange((DateTime)geo[1], new DateTime(2022, 12, 1), new DateTime(2022, 12, 31, 23, 59, 59));
        Assert.InRange((float)geo[2], -90f, -89f);
        Assert.InRange((float)geo[3], 89f, 90f);
        Assert.InRange((float)geo[4], -180f, -179f);
        Assert.InRange((float)geo[5], 179f, 180f);
        var perYear = await Sql.RowsAsync(cs, "SELECT YEAR(`timestamp`) FROM geolocation_data GROUP BY YEAR(`timestamp`) ORDER BY 1");
        Assert.Equal([2017, 2018, 2019, 2020, 2021, 2022], perYear.Select(r => Convert.ToInt32(r[0], System.Globalization.CultureInfo.InvariantCulture)));

        var user = (await Sql.RowsAsync(cs, "SELECT MIN(age), MAX(age), MIN(date_joined), MAX(date_joined) FROM user_data")).Single();
        Assert.Equal(20, user[0]);
        Assert.Equal(59, user[1]);
        Assert.InRange((DateTime)user[2], new DateTime(2015, 1, 1), new DateTime(2015, 2, 1));
        Assert.InRange((DateTime)user[3], new DateTime(2017, 12, 1), new DateTime(2017, 12, 31, 23, 59, 59));
    }

    [Fact]
    public async Task Coordinates_have_at_most_six_significant_digits_so_they_read_back_exactly()
    {
        var cs = await fixture.SeededDatabaseAsync();
        var expected = SeedDataGenerator.Generate(SeedDataGenerator.DefaultSeed, Rows).Geos;
        var rows = await Sql.RowsAsync(cs, "SELECT ind, latitude, longitude FROM geolocation_data ORDER BY ind");
        Assert.All(rows, r =>
        {
            var i = (int)r[0];
            Assert.Equal(expected[i].Latitude, (float)r[1]);
            Assert.Equal(expected[i].Longitude, (float)r[2]);
            Assert.True(SignificantDigits((float)r[1]) <= 6 && SignificantDigits((float)r[2]) <= 6, $"ind {i}: {r[1]}, {r[2]}");
        });
    }

    [Fact]
    public async Task Users_and_countries_repeat_across_many_ind_values()
    {
        var cs = await fixture.SeededDatabaseAsync();
        var distinctUsers = await Sql.ScalarAsync<long>(cs, "SELECT COUNT(*) FROM (SELECT DISTINCT first_name, last_name, age, date_joined FROM user_data) u");
        var topUser = await Sql.ScalarAsync<long>(cs, "SELECT COUNT(*) c FROM user_data GROUP BY first_name, last_name, age, date_joined ORDER BY c DESC LIMIT 1");
        var distinctCountries = await Sql.ScalarAsync<long>(cs, "SELECT COUNT(DISTINCT country) FROM geolocation_data");
        var topCountry = await Sql.ScalarAsync<long>(cs, "SELECT COUNT(*) c FROM geolocation_data GROUP BY country ORDER BY c DESC LIMIT 1");
        var distinctPosters = await Sql.ScalarAsync<long>(cs, "SELECT COUNT(DISTINCT poster_name) FROM pinterest_data");

        Assert.InRange(distinctUsers, 1_000, 2_000);
        Assert.InRange(topUser, 50, 1_000);
        Assert.InRange(distinctCountries, 100, 260);
        Assert.InRange(topCountry, 200, 2_000);
        Assert.InRange(distinctPosters, 700, 1_501);
    }

    private static int SignificantDigits(float value) =>
        value.ToString("R", System.Globalization.CultureInfo.InvariantCulture).TrimStart('-').Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('0').Length;
}
