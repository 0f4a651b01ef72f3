using System.Text.Json;
using PinterestPipeline.Analytics.Cleaning;

namespace PinterestPipeline.Analytics.StreamProcessing;

/// <summary>
/// Turns a stream record's data into the row's values, as the seed's notebooks mean to but without their regex: the
/// data is the JSON text of the PutRecord's <c>Data</c>, so either a JSON string literal holding the row's JSON (the
/// seed's <c>json.dumps(row)</c>, stored by API Gateway with its quotes and escapes) or the row's JSON object itself.
/// A string is decoded as JSON decodes it (every escape, <c>\uXXXX</c> and surrogate pairs included) and its text is
/// parsed as the row; the seed's "remove every backslash and the outer quotes" would break any value holding a quote
/// or an escape. The row is then read with <see cref="SourceRecordParser"/> (the batch job's reader) and checked
/// against the stream schema (<see cref="StreamSchemas"/>). Anything else is a rejection with the reason:
/// data that is empty, not JSON, a JSON value other than a string or an object, a string that is not a JSON object,
/// text that is not UTF-8 (or escapes of lone surrogates), a missing column, an object or array in a column, or an
/// INT column that is not an integer. Not thread-safe: each job owns one.
/// </summary>
internal sealed class StreamRecordDecoder
{
    private byte[] buffer = new byte[4096];

    /// <returns>The values in <see cref="TableCleaning.Columns"/> order, or null with <paramref name="reason"/> set.</returns>
    public SourceValue[]? Decode(ReadOnlySpan<byte> data, TableCleaning table, out string? reason)
    {
        if (data.IsEmpty)
        {
            reason = "no data: the record's value is empty";
            return null;
        }

        var row = data;
        var wrapped = false;
        try
        {
            var reader = new Utf8JsonReader(data);
            if (reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                // Unescaping never makes the text longer than its escaped form.
                var escaped = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                if (buffer.Length < escaped)
                {
                    buffer = new byte[Math.Max(escaped, buffer.Length * 2)];
                }

                var length = reader.CopyString(buffer);
                // A second value after the string makes Read throw, as for any JSON text.
                reader.Read();
                row = buffer.AsSpan(0, length);
                wrapped = true;
            }
        }
        catch (JsonException ex)
        {
            reason = "data is not valid JSON: " + ex.Message;
            return null;
        }
        catch (InvalidOperationException ex)
        {
            reason = "data is a JSON string that is not valid text (invalid UTF-8, or an escaped lone surrogate): " + ex.Message;
            return null;
        }

        var values = SourceRecordParser.Parse(row, table, out reason);
        if (values is not null)
        {
            reason = StreamSchemas.Check(table, values);
        }

        if (reason is not null)
        {
            reason = wrapped ? "the JSON string in data: " + reason : reason;
            return null;
        }

        return values;
    }
}
