extern alias seeder;

using System.Globalization;
using System.Text;
using System.Text.Json;
using PinterestPipeline.TestSupport.Analytics;
using seeder::PinterestPipeline.Seeder.Data;

namespace PinterestPipeline.Analytics.Tests.Infrastructure;

/// <summary>
/// One emitted event: the three source rows at one offset, as JSON the way the course's emitter sends them
/// (<c>json.dumps(row, default=str)</c>: the table's columns in order, numbers as numbers, DATETIME as
/// <c>yyyy-MM-dd HH:mm:ss</c>). A null field is written as JSON null.
/// </summary>
internal sealed record SourceEvent(PinRow Pin, GeoRow Geo, UserRow User)
{
    public string PinJson => Json(w =>
    {
        w.WriteNumber("index", Pin.Index);
        Text(w, "unique_id", Pin.UniqueId);
        Text(w, "title", Pin.Title);
        Text(w, "description", Pin.Description);
        Text(w, "poster_name", Pin.PosterName);
        Text(w, "follower_count", Pin.FollowerCount);
        Text(w, "tag_list", Pin.TagList);
        Text(w, "is_image_or_video", Pin.IsImageOrVideo);
        Text(w, "image_src", Pin.ImageSrc);
        w.WriteNumber("downloaded", Pin.Downloaded);
        Text(w, "save_location", Pin.SaveLocation);
        Text(w, "category", Pin.Category);
    });

    public string GeoJson => Json(w =>
    {
        w.WriteNumber("ind", Geo.Ind);
        w.WriteString("timestamp", Geo.Timestamp.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        w.WritePropertyName("latitude");
        w.WriteRawValue(Geo.Latitude.ToString("R", CultureInfo.InvariantCulture));
        w.WritePropertyName("longitude");
        w.WriteRawValue(Geo.Longitude.ToString("R", CultureInfo.InvariantCulture));
        Text(w, "country", Geo.Country);
    });

    public string UserJson => Json(w =>
    {
        w.WriteNumber("ind", User.Ind);
        Text(w, "first_name", User.FirstName);
        Text(w, "last_name", User.LastName);
        w.WriteNumber("age", User.Age);
        w.WriteString("date_joined", User.DateJoined.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
    });

    /// <summary>The event as the expected-answer computations take it: the float coordinates as the JSON holds them (shortest form).</summary>
    public EmittedEvent Emitted => new(
        new PinSource(Pin.Index, Pin.UniqueId, Pin.Title, Pin.Description, Pin.PosterName, Pin.FollowerCount, Pin.TagList, Pin.IsImageOrVideo,
            Pin.ImageSrc, Pin.Downloaded, Pin.SaveLocation, Pin.Category),
        new GeoSource(Geo.Ind, Geo.Timestamp, Shortest(Geo.Latitude), Shortest(Geo.Longitude), Geo.Country),
        new UserSource(User.Ind, User.FirstName, User.LastName, User.Age, User.DateJoined));

    /// <summary>The event at <paramref name="offset"/> of the seeded tables (row i has key i).</summary>
    public static SourceEvent At(SeedData data, int offset) => new(data.Pins[offset], data.Geos[offset], data.Users[offset]);

    private static double Shortest(float value) => double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static void Text(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
