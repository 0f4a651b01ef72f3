using System.Globalization;
using System.Text.Json;

namespace PinterestPipeline.Analytics.Cleaning;

/// <summary>
/// Spark's casts (with ANSI mode off, as the course's notebooks ran) from a JSON field to a column type: a value that
/// does not convert becomes null instead of failing the job.
/// </summary>
public static class SparkCast
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>A string column: strings as they are; numbers and booleans as their JSON text (Spark reads a mixed column as text).</summary>
    public static string? ToText(SourceValue value) => value.IsNull ? null : value.Text;

    /// <summary>
    /// <c>CAST(x AS INT)</c>: whole numbers in range; fractions truncated toward zero; strings trimmed and read the same
    /// way (<c>" 42 "</c> → 42, <c>"4.9"</c> → 4); booleans 1/0; anything else, or out of range, null.
    /// </summary>
    public static int? ToInt(SourceValue value) =>
        ToLong(value) is { } number && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;

    /// <summary><c>CAST(x AS BIGINT)</c>, by the rules of <see cref="ToInt"/>; a JSON number with an exponent is a DOUBLE to Spark, truncated the same way.</summary>
    public static long? ToLong(SourceValue value) => value.Kind switch
    {
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        JsonValueKind.String => ParseLong(value.Text),
        JsonValueKind.Number => ParseLong(value.Text) ?? Truncate(value.Text),
        _ => null,
    };

    /// <summary><c>CAST(x AS DOUBLE)</c>: numbers; strings that read as a number (trimmed); anything else null.</summary>
    public static double? ToDouble(SourceValue value) => value.Kind switch
    {
        JsonValueKind.Number or JsonValueKind.String when double.TryParse(value.Text.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    /// <summary>
    /// <c>CAST(x AS TIMESTAMP)</c> in a UTC session: <c>yyyy-MM-dd HH:mm:ss</c> (the emitter's form), ISO 8601 with
    /// <c>T</c>, fractions of a second, a zone offset (converted to UTC), or a date alone; a number is seconds since
    /// 1970-01-01 UTC. The result is the UTC wall-clock time, for a TIMESTAMP column without a zone.
    /// </summary>
    public static DateTime? ToTimestamp(SourceValue value)
    {
        switch (value.Kind)
        {
            case JsonValueKind.String when DateTime.TryParseExact(
                value.Text.AsSpan().Trim(), TimestampFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time):
                return DateTime.SpecifyKind(time, DateTimeKind.Unspecified);
            case JsonValueKind.Number when double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                                           && Math.Abs(seconds) < 253_402_300_799:
                return DateTime.SpecifyKind(DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond)), DateTimeKind.Unspecified);
            default:
                return null;
        }
    }

    // Spark reads an optional sign, digits and an optional fraction of digits that it drops (UTF8String.toLong).
    private static long? ParseLong(string? text)
    {
        var span = text.AsSpan().Trim();
        var point = span.IndexOf('.');
        var whole = point < 0 ? span : span[..point];
        var fraction = point < 0 ? [] : span[(point + 1)..];
        if (fraction.ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        if (whole is "" or "-" or "+")
        {
            return fraction.IsEmpty ? null : 0;
        }

        return long.TryParse(whole, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    private static long? Truncate(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && Math.Abs(number) < 9.2e18
            ? (long)Math.Truncate(number)
            : null;
}
