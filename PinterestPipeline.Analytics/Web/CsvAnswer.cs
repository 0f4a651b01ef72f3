using System.Text;
using System.Text.Json;

namespace PinterestPipeline.Analytics.Web;

/// <summary>
/// A query's rows as CSV (RFC 4180): a header of the column names, then one line per row; text is quoted when it holds
/// a comma, a quote or a line break; numbers as in the JSON; null as an empty field.
/// </summary>
internal static class CsvAnswer
{
    public static string From(IReadOnlyList<string> columns, string rowsJson)
    {
        using var rows = JsonDocument.Parse(rowsJson);
        var csv = new StringBuilder();
        csv.AppendJoin(',', columns.Select(Quote)).Append("\r\n");
        foreach (var row in rows.RootElement.EnumerateArray())
        {
            csv.AppendJoin(',', columns.Select(column => Field(row.GetProperty(column)))).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Field(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => string.Empty,
        JsonValueKind.String => Quote(value.GetString()!),
        _ => value.GetRawText(),
    };

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
