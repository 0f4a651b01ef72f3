using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PinterestPipeline.Analytics.Cleaning;

/// <summary>
/// Reads one record (one JSON object) into its table's columns, in the table's order. Keys that are not columns are
/// ignored, as Spark's read with the table's schema ignores them; a record that is not a JSON object, lacks a column or
/// holds an object or array in one is rejected with the reason, never half-read.
/// </summary>
public static class SourceRecordParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <returns>The values in <see cref="TableCleaning.Columns"/> order, or null with <paramref name="reason"/> set.</returns>
    public static SourceValue[]? Parse(ReadOnlySpan<byte> json, TableCleaning table, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            return Read(json, table, out reason);
        }
        catch (JsonException ex)
        {
            reason = "not valid JSON: " + ex.Message;
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader checks structure; a string's bytes are only decoded (and found not to be UTF-8) when read.
            reason = "not valid UTF-8: " + ex.Message;
            return null;
        }
    }

    private static SourceValue[]? Read(ReadOnlySpan<byte> json, TableCleaning table, out string? reason)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reason = reader.TokenType == JsonTokenType.None ? "empty record" : $"not a JSON object (a {Describe(reader.TokenType)})";
            if (reader.TokenType != JsonTokenType.None)
            {
                reader.Skip();
                Finish(ref reader);
            }

            return null;
        }

        var columns = table.Columns;
        var values = new SourceValue[columns.Count];
        var seen = new bool[columns.Count];
        string? problem = null;
        var expected = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = IndexOf(columns, expected, ref reader);
            expected = index + 1;
            reader.Read();
            if (index < 0)
            {
                reader.Skip();
                continue;
            }

            seen[index] = true;
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    values[index] = SourceValue.FromString(reader.GetString());
                    break;
                case JsonTokenType.Number:
                    values[index] = SourceValue.FromNumber(Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan));
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    values[index] = new SourceValue(reader.TokenType == JsonTokenType.True ? JsonValueKind.True : JsonValueKind.False, reader.TokenType == JsonTokenType.True ? "true" : "false");
                    break;
                case JsonTokenType.Null:
                    values[index] = SourceValue.Null;
                    break;
                default:
                    problem ??= $"column '{columns[index]}' holds a JSON {Describe(reader.TokenType)}, not a single value";
                    reader.Skip();
                    break;
            }
        }

        Finish(ref reader);
        if (problem is not null)
        {
            reason = problem;
            return null;
        }

        var missing = Array.IndexOf(seen, false);
        if (missing >= 0)
        {
            reason = $"missing column '{columns[missing]}'";
            return null;
        }

        reason = null;
        return values;
    }

    // A second value (or anything) after the object makes Read throw, so "{...} {...}" on one line is not valid JSON.
    private static void Finish(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
        }
    }

    // Records hold their columns in table order, so the next column is tried first.
    private static int IndexOf(IReadOnlyList<string> columns, int expected, ref Utf8JsonReader reader)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var column = (expected + i) % columns.Count;
            if (reader.ValueTextEquals(columns[column]))
            {
                return column;
            }
        }

        return -1;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
