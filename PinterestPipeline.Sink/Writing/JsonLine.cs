using System.Text.Json;
using System.Text.Unicode;

namespace PinterestPipeline.Sink.Writing;

/// <summary>
/// Turns a record value into one line of an object. The value's bytes are kept as they are (the objects
/// equal the records byte for byte), except that line breaks, which valid JSON can only hold as
/// insignificant whitespace, are removed so that one line stays one record.
/// </summary>
internal static class JsonLine
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    /// <returns>The line without its terminator, or null with <paramref name="problem"/> set when the value is not JSON.</returns>
    public static ReadOnlyMemory<byte>? From(byte[]? value, out string? problem)
    {
        if (value is null)
        {
            problem = "the value is null (a tombstone)";
            return null;
        }

        problem = Problem(value);
        if (problem is not null)
        {
            return null;
        }

        return value.AsSpan().IndexOfAny((byte)'\n', (byte)'\r') < 0
            ? value
            : value.Where(b => b is not ((byte)'\n' or (byte)'\r')).ToArray();
    }

    private static string? Problem(byte[] value)
    {
        if (!Utf8.IsValid(value))
        {
            return "the value is not valid UTF-8";
        }

        if (value.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return "the value is empty";
        }

        try
        {
            var reader = new Utf8JsonReader(value, ReaderOptions);
            reader.Read();
            reader.Skip();
            // A second value (or garbage) after the first one makes Read throw.
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException ex)
        {
            return "the value is not JSON: " + ex.Message;
        }
    }
}
