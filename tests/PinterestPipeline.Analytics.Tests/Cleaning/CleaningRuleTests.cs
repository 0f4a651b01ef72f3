extern alias seeder;

using PinterestPipeline.Analytics.Cleaning;
using PinterestPipeline.Analytics.Tests.Infrastructure;
using seeder::PinterestPipeline.Seeder.Data;
using PinterestPipeline.TestSupport.Analytics;
using GeoRow = seeder::PinterestPipeline.Seeder.Data.GeoRow;
using PinRow = seeder::PinterestPipeline.Seeder.Data.PinRow;
using SourceValue = PinterestPipeline.Analytics.Cleaning.SourceValue;
using UserRow = seeder::PinterestPipeline.Seeder.Data.UserRow;

namespace PinterestPipeline.Analytics.Tests.Cleaning;

/// <summary>Each cleaning rule of the seed's notebooks (REFERENCE §5), alone and on the seeder's quirky rows.</summary>
public sealed class CleaningRuleTests
{
    public static TheoryData<string> PlaceholderValues =>
    [
        "",
        SourcePlaceholders.UserInfoError,
        SourcePlaceholders.NoTitle,
        SourcePlaceholders.NoDescriptionStory,
        SourcePlaceholders.NoDescription,
        SourcePlaceholders.Untitled,
        SourcePlaceholders.NoTags,
        SourcePlaceholders.ImageSrcError,
    ];

    [Theory]
    [MemberData(nameof(PlaceholderValues))]
    public void Empty_text_and_every_placeholder_become_null(string placeholder) => Assert.Null(Placeholders.ToNull(placeholder));

    [Theory]
    [InlineData("Lowrider,Old Vintage Cars,Classic Cars")]
    [InlineData("Keep the kids busy this summer with these fun\u2026")]
    [InlineData("untitled")]
    [InlineData(" ")]
    public void Other_text_is_kept_as_it_is(string text) => Assert.Equal(text, Placeholders.ToNull(text));

    [Theory]
    [InlineData("437", 437)]
    [InlineData("26k", 26_000)]
    [InlineData("892k", 892_000)]
    [InlineData("1M", 1_000_000)]
    [InlineData("6M", 6_000_000)]
    [InlineData("1.5k", 1)] // "1.5000" cast to INT truncates, as Spark does
    [InlineData(" 12 ", 12)]
    [InlineData("User Info Error", null)]
    [InlineData("3000M", null)] // 3,000,000,000 does not fit an INT
    [InlineData("many", null)]
    [InlineData(null, null)]
    public void Follower_counts_lose_their_k_and_M_and_become_integers(string? text, int? expected) =>
        Assert.Equal(expected, FollowerCounts.ToInt(text));

    [Theory]
    [InlineData("Local save in /data/mens-fashion", "/data/mens-fashion")]
    [InlineData("/data/art", "/data/art")]
    [InlineData(null, null)]
    public void The_save_location_keeps_only_its_path(string? text, string? expected) => Assert.Equal(expected, SaveLocations.StripPrefix(text));

    [Theory]
    [InlineData("Abigail", "Ali", "Abigail Ali")]
    [InlineData("Abigail", null, null)]
    [InlineData(null, "Ali", null)]
    public void The_user_name_is_first_and_last_name_and_null_if_either_is(string? first, string? last, string? expected) =>
        Assert.Equal(expected, UserNames.Combine(first, last));

    [Fact]
    public void Coordinates_are_latitude_then_longitude() => Assert.Equal([-89.9787, -173.293], Coordinates.Of(-89.9787, -173.293));

    [Theory]
    [InlineData("Number", "7528", 7528)]
    [InlineData("Number", "1e3", 1000)]
    [InlineData("Number", "4.9", 4)]
    [InlineData("String", " 42 ", 42)]
    [InlineData("String", "-7.25", -7)]
    [InlineData("String", "4e2", null)]
    [InlineData("String", "abc", null)]
    [InlineData("String", "", null)]
    [InlineData("Number", "3000000000", null)]
    [InlineData("True", "true", 1)]
    [InlineData("Null", null, null)]
    public void Casting_to_int_follows_spark_with_ansi_mode_off(string kind, string? text, int? expected) =>
        Assert.Equal(expected, SparkCast.ToInt(new SourceValue(Enum.Parse<System.Text.Json.JsonValueKind>(kind), text)));

    [Theory]
    [InlineData("2020-08-28 03:52:47", "2020-08-28T03:52:47")]
    [InlineData("2020-08-28T03:52:47", "2020-08-28T03:52:47")]
    [InlineData("2020-08-28T03:52:47.250", "2020-08-28T03:52:47.2500000")]
    [InlineData("2020-08-28T05:52:47+02:00", "2020-08-28T03:52:47")]
    [InlineData("2020-08-28", "2020-08-28T00:00:00")]
    [InlineData("28/08/2020", null)]
    [InlineData("not a time", null)]
    public void Timestamps_are_read_as_spark_casts_them_in_a_utc_session(string text, string? expected) =>
        Assert.Equal(expected is null ? null : DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SparkCast.ToTimestamp(SourceValue.FromString(text)));

    [Fact]
    public void The_real_row_7528_is_cleaned_as_the_course_expects()
    {
        var source = SourceEvent.At(SeededRun.Seeded, 0) with
        {
            Pin = new PinRow(7528, "fbe53c66-3442-4773-b19e-d3ec6f54dddf", SourcePlaceholders.NoTitle, SourcePlaceholders.NoDescriptionStory,
                SourcePlaceholders.UserInfoError, SourcePlaceholders.UserInfoError, SourcePlaceholders.NoTags, SourcePlaceholders.Story,
                SourcePlaceholders.ImageSrcError, 0, "Local save in /data/mens-fashion", "mens-fashion"),
            Geo = new GeoRow(7528, new DateTime(2020, 8, 28, 3, 52, 47), -89.9787f, -173.293f, "Albania"),
            User = new UserRow(7528, "Abigail", "Ali", 20, new DateTime(2015, 10, 24, 11, 23, 51)),
        };

        var pin = PinCleaning.Clean(Parse(source.PinJson, TableCleaning.Pin));
        var geo = GeoCleaning.Clean(Parse(source.GeoJson, TableCleaning.Geo));
        var user = UserCleaning.Clean(Parse(source.UserJson, TableCleaning.User));

        Assert.Equal(
            new PinRow_(7528, "fbe53c66-3442-4773-b19e-d3ec6f54dddf", null, null, null, null, null, SourcePlaceholders.Story, null, "/data/mens-fashion", "mens-fashion", 0),
            PinRow_.Of(pin));
        Assert.Equal((7528L, "Albania", -89.9787, -173.293, new DateTime(2020, 8, 28, 3, 52, 47)), (geo.Ind!.Value, geo.Country!, geo.Coordinates[0]!.Value, geo.Coordinates[1]!.Value, geo.Timestamp!.Value));
        Assert.Equal(new UserRow_(7528, "Abigail Ali", 20, new DateTime(2015, 10, 24, 11, 23, 51)), new UserRow_(user.Ind, user.UserName, user.Age, user.DateJoined));
    }

    [Fact]
    public void Every_seeded_row_is_cleaned_as_an_independent_reading_of_the_rules()
    {
        var data = SeededRun.Seeded;
        for (var i = 0; i < data.Rows; i++)
        {
            var source = SourceEvent.At(data, i);
            var expectedPin = ExpectedTables.Pin(source.Emitted.Pin);
            var pin = PinCleaning.Clean(Parse(source.PinJson, TableCleaning.Pin));
            Assert.Equal(
                new PinRow_(expectedPin.Ind, expectedPin.UniqueId, expectedPin.Title, expectedPin.Description, expectedPin.FollowerCount, expectedPin.PosterName,
                    expectedPin.TagList, expectedPin.IsImageOrVideo, expectedPin.ImageSrc, expectedPin.SaveLocation, expectedPin.Category, expectedPin.Downloaded),
                PinRow_.Of(pin));
            // Every follower count that is not the error placeholder is one of Pinterest's forms and reads as a number.
            Assert.True(pin.FollowerCount is not null || source.Pin.FollowerCount == SourcePlaceholders.UserInfoError, source.PinJson);

            var expectedGeo = ExpectedTables.Geo(source.Emitted.Geo);
            var geo = GeoCleaning.Clean(Parse(source.GeoJson, TableCleaning.Geo));
            Assert.Equal((expectedGeo.Ind, expectedGeo.Country, expectedGeo.Latitude, expectedGeo.Longitude, expectedGeo.Timestamp),
                (geo.Ind!.Value, geo.Country, geo.Coordinates[0]!.Value, geo.Coordinates[1]!.Value, geo.Timestamp!.Value));

            var expectedUser = ExpectedTables.User(source.Emitted.User);
            var user = UserCleaning.Clean(Parse(source.UserJson, TableCleaning.User));
            Assert.Equal(new UserRow_(expectedUser.Ind, expectedUser.UserName, expectedUser.Age, expectedUser.DateJoined), new UserRow_(user.Ind, user.UserName, user.Age, user.DateJoined));
        }
    }

    private static SourceValue[] Parse(string json, TableCleaning table)
    {
        var values = SourceRecordParser.Parse(System.Text.Encoding.UTF8.GetBytes(json), table, out var reason);
        Assert.True(values is not null, reason);
        return values;
    }

    // Value tuples of the cleaned rows: PinRow of the service and of the seeder share a name.
    private sealed record PinRow_(
        int? Ind, string? UniqueId, string? Title, string? Description, int? FollowerCount, string? PosterName, string? TagList,
        string? IsImageOrVideo, string? ImageSrc, string? SaveLocation, string? Category, int? Downloaded)
    {
        public static PinRow_ Of(PinterestPipeline.Analytics.Cleaning.PinRow row) => new(
            row.Ind, row.UniqueId, row.Title, row.Description, row.FollowerCount, row.PosterName, row.TagList, row.IsImageOrVideo,
            row.ImageSrc, row.SaveLocation, row.Category, row.Downloaded);
    }

    private sealed record UserRow_(long? Ind, string? UserName, long? Age, DateTime? DateJoined);
}
