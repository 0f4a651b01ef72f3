using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PinterestPipeline.Analytics.Cleaning;
using PinterestPipeline.Analytics.StreamProcessing;
using PinterestPipeline.Analytics.Tests.Infrastructure;

namespace PinterestPipeline.Analytics.Tests.StreamProcessing;

/// <summary>A stream record's data to the row's values: the seed's string form, the object form, and every rejection.</summary>
public sealed class StreamDecodingTests
{
    // Quotes, backslashes, control characters, a slash, non-ASCII in and beyond the BMP: what the seed's regex would break.
    private const string Title = "Caf\u00e9 \"Z\u00fcrich\" \u6771\u4eac \U0001F600";
    private const string Description = "back\\slash, new\nline, tab\t, slash / and a \\\" pair";

    private static JsonObject PinRow() => new()
    {
        ["index"] = 7528,
        ["unique_id"] = "fbe53c66-3442-4773-b19e-d3ec6f54dddf",
        ["title"] = Title,
        ["description"] = Description,
        ["poster_name"] = "User Info Error",
        ["follower_count"] = "26k",
        ["tag_list"] = "Lowrider,Old Vintage Cars",
        ["is_image_or_video"] = "image",
        ["image_src"] = "https://i.pinimg.com/x.jpg",
        ["downloaded"] = 1,
        ["save_location"] = "Local save in /data/vehicles",
        ["category"] = "vehicles",
    };

    [Fact]
    public async Task The_seeds_double_encoded_string_form_keeps_quotes_escapes_and_non_ascii_text()
    {
        var data = await SeedStreamForms.OfRowAsync(PinRow());
        // What CPython stored: one ASCII string literal, the row's own quotes and escapes escaped once more.
        Assert.Equal((byte)'"', data[0]);
        Assert.All(data, b => Assert.InRange(b, (byte)0x20, (byte)0x7e));
        Assert.Contains("\\\"title\\\": \\\"Caf\\\\u00e9 \\\\\\\"Z\\\\u00fcrich", Encoding.ASCII.GetString(data), StringComparison.Ordinal);

        var values = Decode(data, TableCleaning.Pin, out var reason);

        Assert.Null(reason);
        AssertValues(values!, PinRow());
    }

    [Fact]
    public void The_object_form_is_read_as_the_row_itself()
    {
        var data = Encoding.UTF8.GetBytes(PinRow().ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.True(data.AsSpan().IndexOf(Encoding.UTF8.GetBytes("\u6771\u4eac")) >= 0, "the object form carries non-ASCII text as raw UTF-8");

        var values = Decode(data, TableCleaning.Pin, out var reason);

        Assert.Null(reason);
        AssertValues(values!, PinRow());
    }

    [Fact]
    public void Geo_and_user_rows_in_the_string_form_keep_numbers_and_iso_times_as_the_stream_schema_reads_them()
    {
        var geo = Decode(Literal("""{"ind": 7528, "timestamp": "2020-08-28T03:52:47", "latitude": -89.9787, "longitude": -173.293, "country": "Albania"}"""), TableCleaning.Geo, out var geoReason);
        var user = Decode(Literal("""{"ind": 7528, "first_name": "Abigail", "last_name": "Ali", "age": 20, "date_joined": "2015-10-24T11:23:51"}"""), TableCleaning.User, out var userReason);

        Assert.Null(geoReason);
        Assert.Null(userReason);
        Assert.Equal(["7528", "2020-08-28T03:52:47", "-89.9787", "-173.293", "Albania"], geo!.Select(v => v.Text));
        Assert.Equal(["7528", "Abigail", "Ali", "20", "2015-10-24T11:23:51"], user!.Select(v => v.Text));
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "pin", "", "no data: the record's value is empty" },
        { "pin", "   ", "data is not valid JSON" },
        { "pin", "garbage", "data is not valid JSON" },
        { "pin", "\"{}\" trailing", "data is not valid JSON" },
        { "pin", "{\"index\": NaN}", "not valid JSON" },
        { "pin", "\"not json at all\"", "the JSON string in data: not valid JSON" },
        { "pin", "\"42\"", "the JSON string in data: not a JSON object (a number)" },
        { "pin", "\"\\\"{}\\\"\"", "the JSON string in data: not a JSON object (a string)" },
        { "pin", "[1, 2]", "not a JSON object" },
        { "pin", "null", "not a JSON object" },
        { "pin", "\"{\\\"index\\\": 1}\"", "the JSON string in data: missing column 'unique_id'" },
        { "geo", "{\"ind\": 1, \"timestamp\": {\"a\": 1}, \"latitude\": 1, \"longitude\": 1, \"country\": \"x\"}", "column 'timestamp' holds a JSON object" },
        { "geo", "\"\\ud800\"", "data is a JSON string that is not valid text" },
        { "geo", "\"{\\\"ind\\\": 1, \\\"timestamp\\\": \\\"\\\\ud800\\\", \\\"latitude\\\": 1, \\\"longitude\\\": 1, \\\"country\\\": \\\"x\\\"}\"", "the JSON string in data: not valid UTF-8" },
        { "geo", "{\"ind\": \"7528\", \"timestamp\": \"t\", \"latitude\": 1, \"longitude\": 1, \"country\": \"x\"}", "column 'ind' must be an INT (a JSON integer from -2147483648 to 2147483647, as the stream schema's IntegerType reads it); it is the string \"7528\"" },
        { "geo", "{\"ind\": 7528.5, \"timestamp\": \"t\", \"latitude\": 1, \"longitude\": 1, \"country\": \"x\"}", "column 'ind' must be an INT" },
        { "geo", "{\"ind\": 1e3, \"timestamp\": \"t\", \"latitude\": 1, \"longitude\": 1, \"country\": \"x\"}", "column 'ind' must be an INT (a JSON integer from -2147483648 to 2147483647, as the stream schema's IntegerType reads it); it is the number 1e3" },
        { "user", "{\"ind\": 2147483648, \"first_name\": \"a\", \"last_name\": \"b\", \"age\": 20, \"date_joined\": \"d\"}", "column 'ind' must be an INT" },
        { "user", "{\"ind\": 1, \"first_name\": \"a\", \"last_name\": \"b\", \"age\": \"20\", \"date_joined\": \"d\"}", "column 'age' must be an INT" },
        { "pin", "\"{\\\"index\\\": 1, \\\"unique_id\\\": \\\"u\\\", \\\"title\\\": \\\"t\\\", \\\"description\\\": \\\"d\\\", \\\"poster_name\\\": \\\"p\\\", \\\"follower_count\\\": \\\"1\\\", \\\"tag_list\\\": \\\"t\\\", \\\"is_image_or_video\\\": \\\"image\\\", \\\"image_src\\\": \\\"s\\\", \\\"downloaded\\\": true, \\\"save_location\\\": \\\"l\\\", \\\"category\\\": \\\"c\\\"}\"", "the JSON string in data: column 'downloaded' must be an INT" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_data_is_rejected_with_the_reason(string table, string data, string reason)
    {
        var values = Decode(Encoding.UTF8.GetBytes(data), TableCleaning.All.Single(t => t.TopicSuffix == table), out var actual);

        Assert.Null(values);
        Assert.StartsWith(reason, actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_rejected_in_either_form()
    {
        var row = NotUtf8("{\"ind\": 1, \"first_name\": \"?\", \"last_name\": \"b\", \"age\": 20, \"date_joined\": \"d\"}");
        var literal = NotUtf8("\"{\\\"ind\\\": 1, \\\"first_name\\\": \\\"?\\\", \\\"last_name\\\": \\\"b\\\", \\\"age\\\": 20, \\\"date_joined\\\": \\\"d\\\"}\"");

        Assert.Null(Decode(row, TableCleaning.User, out var objectReason));
        Assert.Null(Decode(literal, TableCleaning.User, out var stringReason));
        Assert.StartsWith("not valid UTF-8", objectReason, StringComparison.Ordinal);
        Assert.StartsWith("data is a JSON string that is not valid text", stringReason, StringComparison.Ordinal);
    }

    // The one '?' becomes 0xFF, which no UTF-8 text holds.
    private static byte[] NotUtf8(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFF;
        return bytes;
    }

    [Fact]
    public void Null_values_and_unknown_keys_are_accepted_as_spark_reads_them()
    {
        var values = Decode(Literal("""{"ind": null, "first_name": null, "last_name": "Ali", "age": null, "date_joined": null, "extra": [1]}"""), TableCleaning.User, out var reason);

        Assert.Null(reason);
        Assert.All(values!.Where((_, i) => i != 2), v => Assert.True(v.IsNull));
    }

    private static SourceValue[]? Decode(byte[] data, TableCleaning table, out string? reason) => new StreamRecordDecoder().Decode(data, table, out reason);

    // The stored form of a string Data: the row's JSON as a JSON string literal.
    private static byte[] Literal(string rowJson) => JsonSerializer.SerializeToUtf8Bytes(rowJson);

    private static void AssertValues(SourceValue[] values, JsonObject row)
    {
        var expected = row.Select(p => p.Value!.GetValueKind() == JsonValueKind.String ? p.Value.GetValue<string>() : p.Value.ToJsonString()).ToList();
        Assert.Equal(expected, values.Select(v => v.Text));
        Assert.Equal(JsonValueKind.Number, values[0].Kind);
    }
}
