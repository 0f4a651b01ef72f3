using System.Globalization;
using System.Text;
using System.Text.Json;
using PinterestPipeline.Analytics.Cleaning;
using PinterestPipeline.Analytics.StreamProcessing;
using PinterestPipeline.Analytics.Tests.Infrastructure;
using PinterestPipeline.TestSupport.Analytics;

namespace PinterestPipeline.Analytics.Tests.StreamProcessing;

/// <summary>
/// The stream rules are the batch rules (one implementation, <see cref="TableCleaning.Clean"/>): each rule seen through a
/// stream record, and every seeded row giving the same cleaned row from the bucket's record and from the stream's data.
/// </summary>
public sealed class StreamCleaningTests
{
    [Fact]
    public async Task Every_seeded_row_in_the_seeds_string_form_is_cleaned_to_the_row_the_batch_job_makes_of_its_bucket_record()
    {
        var data = SeededRun.Seeded;
        var events = Enumerable.Range(0, data.Rows).Select(i => SourceEvent.At(data, i)).ToList();
        var streamed = await SeedStreamForms.OfAsync(events);
        var decoder = new StreamRecordDecoder();
        for (var i = 0; i < events.Count; i++)
        {
            var source = events[i];
            foreach (var (table, record, stream) in new[]
            {
                (TableCleaning.Pin, source.PinJson, streamed[i].Pin),
                (TableCleaning.Geo, source.GeoJson, streamed[i].Geo),
                (TableCleaning.User, source.UserJson, streamed[i].User),
            })
            {
                var batchValues = SourceRecordParser.Parse(Encoding.UTF8.GetBytes(record), table, out var batchReason);
                var streamValues = decoder.Decode(stream, table, out var streamReason);
                Assert.True(batchValues is not null, batchReason);
                Assert.True(streamValues is not null, $"{streamReason}: {Encoding.UTF8.GetString(stream)}");
                Assert.Equal(Text(table.Clean(batchValues)), Text(table.Clean(streamValues)));
            }

            // And both are the independent reading of the rules.
            var pin = ExpectedTables.Pin(source.Emitted.Pin);
            Assert.Equal(
                Row(pin.Ind, pin.UniqueId, pin.Title, pin.Description, pin.FollowerCount, pin.PosterName, pin.TagList, pin.IsImageOrVideo, pin.ImageSrc, pin.SaveLocation, pin.Category, pin.Downloaded),
                Text(TableCleaning.Pin.Clean(decoder.Decode(streamed[i].Pin, TableCleaning.Pin, out _)!)));
            var geo = ExpectedTables.Geo(source.Emitted.Geo);
            Assert.Equal(Row(geo.Ind, geo.Country, $"[{Row(geo.Latitude)},{Row(geo.Longitude)}]", geo.Timestamp), Text(TableCleaning.Geo.Clean(decoder.Decode(streamed[i].Geo, TableCleaning.Geo, out _)!)));
            var user = ExpectedTables.User(source.Emitted.User);
            Assert.Equal(Row(user.Ind, user.UserName, user.Age, user.DateJoined), Text(TableCleaning.User.Clean(decoder.Decode(streamed[i].User, TableCleaning.User, out _)!)));
        }
    }

    public static TheoryData<string> Placeholders =>
        ["", "User Info Error", "No description available", "No description available Story format", "Untitled", "Image src error.", "No Title Data Available", "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e"];

    [Theory]
    [MemberData(nameof(Placeholders))]
    public void Empty_text_and_placeholders_become_null_in_every_pin_text_column(string placeholder)
    {
        var pin = CleanPin(new Dictionary<string, object?>
        {
            ["unique_id"] = placeholder, ["title"] = placeholder, ["description"] = placeholder, ["poster_name"] = placeholder, ["follower_count"] = placeholder,
            ["tag_list"] = placeholder, ["is_image_or_video"] = placeholder, ["image_src"] = placeholder, ["save_location"] = placeholder, ["category"] = placeholder,
        });

        Assert.Equal(Row(7528, null, null, null, null, null, null, null, null, null, null, 1), Text(pin));
    }

    [Theory]
    [InlineData("437", 437)]
    [InlineData("26k", 26_000)]
    [InlineData("1M", 1_000_000)]
    [InlineData("User Info Error", null)]
    [InlineData("3000M", null)]
    public void The_follower_count_loses_its_k_and_M_and_becomes_an_int(string text, int? expected) =>
        Assert.Equal(expected, ((PinRow)CleanPin(new Dictionary<string, object?> { ["follower_count"] = text })).FollowerCount);

    [Fact]
    public void Index_becomes_ind_downloaded_stays_an_int_and_the_save_location_keeps_its_path()
    {
        var pin = CleanPin(new Dictionary<string, object?> { ["index"] = 42, ["downloaded"] = 0, ["save_location"] = "Local save in /data/diy-and-crafts" });

        Assert.Equal(Row(42, "u", "t", "d", 26_000, "p", "a,b", "image", "https://x/y.jpg", "/data/diy-and-crafts", "vehicles", 0), Text(pin));
    }

    [Theory]
    [InlineData("-89.9787", "-173.293")]
    [InlineData("\"-89.9787\"", "\"-173.293\"")]
    public void Geo_coordinates_are_latitude_then_longitude_whether_the_row_holds_numbers_or_text(string latitude, string longitude)
    {
        var geo = Clean(TableCleaning.Geo, $$"""{"ind": 7528, "timestamp": "2020-08-28T03:52:47", "latitude": {{latitude}}, "longitude": {{longitude}}, "country": "Albania"}""");

        Assert.Equal(Row(7528, "Albania", "[-89.9787,-173.293]", new DateTime(2020, 8, 28, 3, 52, 47)), Text(geo));
    }

    [Theory]
    [InlineData("2020-08-28T03:52:47", "2020-08-28T03:52:47")]
    [InlineData("2020-08-28 03:52:47", "2020-08-28T03:52:47")]
    [InlineData("2020-08-28T03:52:47.500000", "2020-08-28T03:52:47.5")]
    [InlineData("not a time", null)]
    public void Geo_timestamps_in_isoformat_are_cast_to_timestamps(string text, string? expected)
    {
        var geo = (GeoRow)Clean(TableCleaning.Geo, $$"""{"ind": 1, "timestamp": "{{text}}", "latitude": 1.5, "longitude": 2.5, "country": "Chad"}""");

        Assert.Equal(expected is null ? null : DateTime.Parse(expected, CultureInfo.InvariantCulture), geo.Timestamp);
    }

    [Fact]
    public void The_user_name_joins_first_and_last_name_and_date_joined_is_cast()
    {
        var user = Clean(TableCleaning.User, """{"ind": 7528, "first_name": "Abigail", "last_name": "Ali", "age": 20, "date_joined": "2015-10-24T11:23:51"}""");
        var nameless = (UserRow)Clean(TableCleaning.User, """{"ind": 1, "first_name": null, "last_name": "Ali", "age": 20, "date_joined": null}""");

        Assert.Equal(Row(7528, "Abigail Ali", 20, new DateTime(2015, 10, 24, 11, 23, 51)), Text(user));
        Assert.Null(nameless.UserName);
        Assert.Null(nameless.DateJoined);
    }

    // A pin row in the seed's string form: the fields given replace those of a plain row.
    private static object CleanPin(Dictionary<string, object?> fields)
    {
        var row = new Dictionary<string, object?>
        {
            ["index"] = 7528, ["unique_id"] = "u", ["title"] = "t", ["description"] = "d", ["poster_name"] = "p", ["follower_count"] = "26k",
            ["tag_list"] = "a,b", ["is_image_or_video"] = "image", ["image_src"] = "https://x/y.jpg", ["downloaded"] = 1,
            ["save_location"] = "Local save in /data/vehicles", ["category"] = "vehicles",
        };
        foreach (var (key, value) in fields)
        {
            row[key] = value;
        }

        return Clean(TableCleaning.Pin, JsonSerializer.Serialize(row));
    }

    private static object Clean(TableCleaning table, string rowJson)
    {
        var values = new StreamRecordDecoder().Decode(JsonSerializer.SerializeToUtf8Bytes(rowJson), table, out var reason);
        Assert.True(values is not null, reason);
        return table.Clean(values);
    }

    /// <summary>A cleaned row as canonical text, in its columns' order.</summary>
    internal static string Text(object row) => row switch
    {
        PinRow p => Row(p.Ind, p.UniqueId, p.Title, p.Description, p.FollowerCount, p.PosterName, p.TagList, p.IsImageOrVideo, p.ImageSrc, p.SaveLocation, p.Category, p.Downloaded),
        GeoRow g => Row(g.Ind, g.Country, $"[{string.Join(',', g.Coordinates.Select(c => Row(c)))}]", g.Timestamp),
        UserRow u => Row(u.Ind, u.UserName, u.Age, u.DateJoined),
        _ => throw new ArgumentException(row.GetType().Name),
    };

    internal static string Row(params object?[] values) => ExpectedAnswers.Row([.. values.Select(v => v is DateTime time ? time.ToString("O", CultureInfo.InvariantCulture) : v)]);
}
