using System.Text;
using PinterestPipeline.Analytics.Cleaning;

namespace PinterestPipeline.Analytics.Tests.Cleaning;

/// <summary>A record is read into its table's columns, or rejected with a reason that says what is wrong.</summary>
public sealed class SourceRecordParserTests
{
    private const string User = """{"ind": 7528, "first_name": "Abigail", "last_name": "Ali", "age": 20, "date_joined": "2015-10-24 11:23:51"}""";

    [Fact]
    public void Columns_come_out_in_the_tables_order_whatever_the_key_order_and_extra_keys_are_ignored()
    {
        var values = Parse("""{"date_joined": "2015-10-24 11:23:51", "age": 20, "extra": {"a": [1]}, "last_name": "Ali", "first_name": "Abigail", "ind": 7528}""", out var reason);

        Assert.Null(reason);
        Assert.Equal(["7528", "Abigail", "Ali", "20", "2015-10-24 11:23:51"], values!.Select(v => v.Text));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1, 2]", "not a JSON object (a array)")]
    [InlineData("\"text\"", "not a JSON object (a string)")]
    [InlineData("""{"ind": 1, "first_name": "A", "last_name": "B", "age": 20}""", "missing column 'date_joined'")]
    [InlineData("""{"ind": [1], "first_name": "A", "last_name": "B", "age": 20, "date_joined": "2015-01-01"}""", "column 'ind' holds a JSON array")]
    [InlineData("""{"ind": 1, "first_name": {"x": 1}, "last_name": "B", "age": 20, "date_joined": "2015-01-01"}""", "column 'first_name' holds a JSON object")]
    [InlineData(User + " " + User, "not valid JSON")]
    [InlineData("""{"ind": 1, "first_name": "A", """, "not valid JSON")]
    public void A_bad_record_is_rejected_with_the_reason(string json, string reason)
    {
        Assert.Null(Parse(json, out var actual));
        Assert.StartsWith(reason, actual, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_whose_bytes_are_not_utf8_is_rejected()
    {
        var bytes = Encoding.UTF8.GetBytes(User.Replace("Abigail", "Ab#gail", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xFF;

        Assert.Null(SourceRecordParser.Parse(bytes, TableCleaning.User, out var reason));
        Assert.NotNull(reason);
    }

    [Fact]
    public void Json_null_is_a_present_column_with_no_value()
    {
        var values = Parse("""{"ind": 1, "first_name": null, "last_name": "B", "age": null, "date_joined": "2015-01-01"}""", out _);

        Assert.True(values![1].IsNull);
        Assert.Null(UserCleaning.Clean(values).UserName);
    }

    private static SourceValue[]? Parse(string json, out string? reason) => SourceRecordParser.Parse(Encoding.UTF8.GetBytes(json), TableCleaning.User, out reason);
}
