using System.Buffers;
using System.Globalization;
using PinterestPipeline.Emitter.Source;

namespace PinterestPipeline.Emitter.Streams;

/// <summary>
/// JSON text as CPython's <c>json.dumps(obj)</c> writes it with its defaults, which is what the seed's streaming script
/// sent (<c>json.dumps(row)</c> inside <c>requests.put(json=payload)</c>): <c>", "</c> and <c>": "</c> separators,
/// every character outside printable ASCII escaped as <c>\uXXXX</c> (lower-case hex, <c>ensure_ascii</c>), and floats as
/// Python's <c>repr</c> (<c>1.0</c>, <c>1e-05</c>, <c>1e+16</c>). The output is always ASCII. As a row writer it writes
/// DATETIME as the seed did, with <c>isoformat()</c> (<c>2020-08-28T03:52:47</c>, <c>.ffffff</c> only when there are
/// microseconds), and DATE likewise (<c>2020-08-28</c>).
/// </summary>
public sealed class PythonJsonWriter : IRowJsonWriter
{
    private const string HexDigits = "0123456789abcdef";

    private readonly ArrayBufferWriter<byte> output = new(1024);

    // One entry per open object: whether it has no member yet (so no ", " goes before the next).
    private readonly Stack<bool> empty = new();
    private bool afterName;

    public void WriteStartObject()
    {
        BeforeValue();
        WriteAscii("{");
        empty.Push(true);
    }

    public void WriteEndObject()
    {
        empty.Pop();
        WriteAscii("}");
    }

    public void WritePropertyName(string name)
    {
        if (!empty.Pop())
        {
            WriteAscii(", ");
        }

        empty.Push(false);
        WriteQuoted(name);
        WriteAscii(": ");
        afterName = true;
    }

    public void WriteNullValue()
    {
        BeforeValue();
        WriteAscii("null");
    }

    public void WriteStringValue(string value) => WriteStringValue(value.AsSpan());

    public void WriteStringValue(ReadOnlySpan<char> value)
    {
        BeforeValue();
        WriteQuoted(value);
    }

    public void WriteNumberValue(long value)
    {
        BeforeValue();
        WriteAscii(value.ToString(CultureInfo.InvariantCulture));
    }

    public void WriteNumberValue(ulong value)
    {
        BeforeValue();
        WriteAscii(value.ToString(CultureInfo.InvariantCulture));
    }

    public void WriteNumberValue(decimal value)
    {
        BeforeValue();
        WriteAscii(value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The float as Python printed it after pymysql read the server's text for it: its own shortest digits.</summary>
    public void WriteNumberValue(float value)
    {
        BeforeValue();
        WriteAscii(float.IsFinite(value) ? PythonFloat.Repr(value.ToString("R", CultureInfo.InvariantCulture)) : NonFinite(value));
    }

    public void WriteNumberValue(double value)
    {
        BeforeValue();
        WriteAscii(double.IsFinite(value) ? PythonFloat.Repr(value.ToString("R", CultureInfo.InvariantCulture)) : NonFinite(value));
    }

    public void WriteDateTimeValue(DateTime value)
    {
        var microseconds = value.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond;
        var text = value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        WriteStringValue(microseconds == 0 ? text : string.Create(CultureInfo.InvariantCulture, $"{text}.{microseconds:000000}"));
    }

    public void WriteDateValue(DateOnly value) => WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>Already-encoded JSON (ASCII, in this dialect), such as a row written by another writer.</summary>
    public void WriteRawValue(ReadOnlySpan<byte> json)
    {
        BeforeValue();
        output.Write(json);
    }

    public byte[] TakeWritten()
    {
        var written = output.WrittenSpan.ToArray();
        output.ResetWrittenCount();
        return written;
    }

    // Writes into managed memory only: nothing to release.
    public void Dispose()
    {
    }

    // json.dumps writes what JSON has no literal for as JavaScript does (allow_nan=True).
    private static string NonFinite(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";

    private void BeforeValue()
    {
        if (!afterName && empty.Count > 0)
        {
            throw new InvalidOperationException("A value inside an object needs a property name first.");
        }

        afterName = false;
    }

    private void WriteQuoted(ReadOnlySpan<char> text)
    {
        // At most 6 bytes per UTF-16 unit (\uXXXX), plus the quotes.
        var span = output.GetSpan((text.Length * 6) + 2);
        var n = 0;
        span[n++] = (byte)'"';
        foreach (var c in text)
        {
            var escape = c switch
            {
                '"' => '"',
                '\\' => '\\',
                '\n' => 'n',
                '\r' => 'r',
                '\t' => 't',
                '\b' => 'b',
                '\f' => 'f',
                _ => '\0',
            };
            if (escape != '\0')
            {
                span[n++] = (byte)'\\';
                span[n++] = (byte)escape;
            }
            else if (c is >= ' ' and <= '~')
            {
                span[n++] = (byte)c;
            }
            else
            {
                // Outside printable ASCII, DEL included; a character above U+FFFF is already its two surrogates here,
                // which is how Python escapes it too (\ud83d\ude00).
                span[n++] = (byte)'\\';
                span[n++] = (byte)'u';
                span[n++] = (byte)HexDigits[c >> 12];
                span[n++] = (byte)HexDigits[(c >> 8) & 0xF];
                span[n++] = (byte)HexDigits[(c >> 4) & 0xF];
                span[n++] = (byte)HexDigits[c & 0xF];
            }
        }

        span[n++] = (byte)'"';
        output.Advance(n);
    }

    private void WriteAscii(string text)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }
}
