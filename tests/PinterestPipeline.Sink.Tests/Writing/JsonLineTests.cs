using System.Text;
using PinterestPipeline.Sink.Writing;

namespace PinterestPipeline.Sink.Tests.Writing;

public sealed class JsonLineTests
{
    [Theory]
    [InlineData("{\"a\":1}")]
    [InlineData("{ \"a\" : [1, 2.5e3, true, null, \"x\\u00e9\"] }")]
    [InlineData("\"just a string\"")]
    [InlineData("42")]
    [InlineData("{\"emoji\":\"☕\"}  ")]
    public void A_json_value_is_kept_byte_for_byte(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);

        var line = JsonLine.From(bytes, out var problem);

        Assert.Null(problem);
        Assert.Equal(bytes, line!.Value.ToArray());
    }

    [Fact]
    public void Line_breaks_between_tokens_are_removed_so_one_record_stays_one_line()
    {
        var line = JsonLine.From(Encoding.UTF8.GetBytes("{\r\n  \"a\": 1,\n  \"b\": \"x\\ny\"\n}"), out var problem);

        Assert.Null(problem);
        Assert.Equal("{  \"a\": 1,  \"b\": \"x\\ny\"}", Encoding.UTF8.GetString(line!.Value.Span));
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("{\"a\":1", "not JSON")]
    [InlineData("{\"a\":1} {\"b\":2}", "not JSON")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    public void A_value_that_is_not_one_json_value_is_rejected(string value, string expected)
    {
        Assert.Null(JsonLine.From(Encoding.UTF8.GetBytes(value), out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_and_null_are_rejected()
    {
        Assert.Null(JsonLine.From([(byte)'"', 0xC3, 0x28, (byte)'"'], out var utf8Problem));
        Assert.Contains("UTF-8", utf8Problem, StringComparison.Ordinal);
        Assert.Null(JsonLine.From(null, out var nullProblem));
        Assert.Contains("tombstone", nullProblem, StringComparison.Ordinal);
    }
}
