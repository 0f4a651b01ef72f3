using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using PinterestPipeline.Emitter.Source;

namespace PinterestPipeline.Emitter.Topics;

/// <summary>
/// Rows for the produce API: compact JSON, text as the database holds it, DATETIME as <c>yyyy-MM-dd HH:mm:ss</c> (the
/// original's <c>json.dumps(row, default=str)</c>), a FLOAT as the shortest text that reads back as the same float.
/// </summary>
public sealed class CompactRowJsonWriter : IRowJsonWriter
{
    private const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";
    private const string DateFormat = "yyyy-MM-dd";

    // Row text goes into a JSON body, never into HTML: non-ASCII and '+', '&', '<' stay as they are in the database.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> buffer = new(1024);
    private readonly Utf8JsonWriter writer;

    public CompactRowJsonWriter() => writer = new Utf8JsonWriter(buffer, WriterOptions);

    public void WriteStartObject() => writer.WriteStartObject();

    public void WriteEndObject() => writer.WriteEndObject();

    public void WritePropertyName(string name) => writer.WritePropertyName(name);

    public void WriteNullValue() => writer.WriteNullValue();

    public void WriteStringValue(string value) => writer.WriteStringValue(value);

    public void WriteNumberValue(long value) => writer.WriteNumberValue(value);

    public void WriteNumberValue(ulong value) => writer.WriteNumberValue(value);

    public void WriteNumberValue(decimal value) => writer.WriteNumberValue(value);

    // A FLOAT holds about 7 digits; its shortest round-trip text is what the server sends and what Python printed
    // (-89.9787), where widening to double would print -89.97869873046875.
    public void WriteNumberValue(float value) => writer.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture));

    public void WriteNumberValue(double value) => writer.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture));

    public void WriteDateTimeValue(DateTime value) => writer.WriteStringValue(value.ToString(DateTimeFormat, CultureInfo.InvariantCulture));

    public void WriteDateValue(DateOnly value) => writer.WriteStringValue(value.ToString(DateFormat, CultureInfo.InvariantCulture));

    public byte[] TakeWritten()
    {
        writer.Flush();
        var written = buffer.WrittenSpan.ToArray();
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        return written;
    }

    public void Dispose() => writer.Dispose();
}
