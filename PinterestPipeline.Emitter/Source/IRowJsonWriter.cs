namespace PinterestPipeline.Emitter.Source;

/// <summary>
/// The JSON tokens a row is made of, written in one target's dialect; <see cref="RowJsonWriter"/> decides which token
/// each column value is, so both dialects type values the same way.
/// </summary>
public interface IRowJsonWriter : IDisposable
{
    void WriteStartObject();

    void WriteEndObject();

    void WritePropertyName(string name);

    void WriteNullValue();

    void WriteStringValue(string value);

    void WriteNumberValue(long value);

    void WriteNumberValue(ulong value);

    void WriteNumberValue(decimal value);

    /// <summary>A FLOAT column: written from the float's own shortest digits, never from its widening to double.</summary>
    void WriteNumberValue(float value);

    void WriteNumberValue(double value);

    void WriteDateTimeValue(DateTime value);

    void WriteDateValue(DateOnly value);

    /// <summary>The JSON written since the last call (one row), and a fresh start for the next.</summary>
    byte[] TakeWritten();
}
