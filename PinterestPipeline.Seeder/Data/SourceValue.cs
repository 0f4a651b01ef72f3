using System.Globalization;

namespace PinterestPipeline.Seeder.Data;

/// <summary>
/// The one culture-independent text form of a column value, shared by the checksum and the SQL literals,
/// so the data read back from MySQL, the generated rows and the SQL script all hash the same.
/// </summary>
public static class SourceValue
{
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static string Format(object value) => value switch
    {
        string text => text,
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        // Shortest round-trip form; values carry at most 6 significant digits, which MySQL's text protocol returns unchanged.
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        DateTime time => time.ToString(DateTimeFormat, CultureInfo.InvariantCulture),
        // Foreign tables read back for comparison may hold other types (unsigned, decimal); they only need to hash stably.
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"Source tables hold no values of type {value?.GetType().Name ?? "null"}.", nameof(value)),
    };
}
