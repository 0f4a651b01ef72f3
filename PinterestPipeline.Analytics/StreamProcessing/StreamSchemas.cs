using System.Globalization;
using System.Text.Json;
using PinterestPipeline.Analytics.Cleaning;

namespace PinterestPipeline.Analytics.StreamProcessing;

/// <summary>
/// The schemas the seed's notebooks parse each stream's rows with (<c>from_json(data, pin_schema)</c>, ...). Their
/// <c>IntegerType</c> fields are checked here: pin <c>index</c> and <c>downloaded</c>, geo <c>ind</c>, user <c>ind</c> and
/// <c>age</c> must each be a JSON integer within INT (or null). A string, a fraction, an exponent or a value out of range
/// is a parse failure, as it is to Spark's JSON reader; the record is rejected with the reason instead of becoming a row
/// of nulls. Every other field is <c>StringType</c>: a number or boolean there is read as its JSON text, as Spark does.
/// </summary>
internal static class StreamSchemas
{
    private static readonly Dictionary<TableCleaning, int[]> IntegerColumns = new()
    {
        [TableCleaning.Pin] = Indexes(TableCleaning.Pin, "index", "downloaded"),
        [TableCleaning.Geo] = Indexes(TableCleaning.Geo, "ind"),
        [TableCleaning.User] = Indexes(TableCleaning.User, "ind", "age"),
    };

    /// <returns>Null when the values fit the table's stream schema, else why not.</returns>
    public static string? Check(TableCleaning table, IReadOnlyList<SourceValue> values)
    {
        foreach (var column in IntegerColumns[table])
        {
            var value = values[column];
            if (value.IsNull || (value.Kind == JsonValueKind.Number && int.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
            {
                continue;
            }

            var found = value.Kind switch
            {
                JsonValueKind.Number => $"the number {value.Text}",
                JsonValueKind.String => $"the string \"{Shorten(value.Text!)}\"",
                _ => $"the {value.Text}",
            };
            return $"column '{table.Columns[column]}' must be an INT (a JSON integer from {int.MinValue} to {int.MaxValue}, as the stream schema's IntegerType reads it); it is {found}";
        }

        return null;
    }

    // The reason is stored and logged: a long field is cut, the record's data is kept beside it.
    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static int[] Indexes(TableCleaning table, params string[] columns) =>
        [.. columns.Select(column => table.Columns.ToList().IndexOf(column))];
}
