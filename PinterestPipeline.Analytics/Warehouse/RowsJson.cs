using System.Buffers;
using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace PinterestPipeline.Analytics.Warehouse;

/// <summary>
/// Rows read from the warehouse as JSON: an array of objects keyed by column name, in column order. Numbers as numbers
/// (HUGEINT exactly), text as strings, TIMESTAMP as <c>yyyy-MM-dd HH:mm:ss</c>, lists (<c>coordinates</c>) as arrays,
/// NULL as null.
/// </summary>
internal static class RowsJson
{
    public static async Task<string> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var buffer = new ArrayBufferWriter<byte>();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            while (await reader.ReadAsync(cancellationToken))
            {
                json.WriteStartObject();
                for (var i = 0; i < names.Length; i++)
                {
                    json.WritePropertyName(names[i]);
                    WriteValue(json, Read(reader, i), names[i]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // DuckDB.NET's GetValue throws on a list holding a NULL (coordinates of a row without latitude): read those as nullable.
    private static object? Read(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null
        : reader.GetFieldType(ordinal) == typeof(List<double>) ? reader.GetFieldValue<List<double?>>(ordinal)
        : reader.GetValue(ordinal);

    private static void WriteValue(Utf8JsonWriter json, object? value, string column)
    {
        switch (value)
        {
            case null or DBNull:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case long number:
                json.WriteNumberValue(number);
                break;
            case int number:
                json.WriteNumberValue(number);
                break;
            case double number:
                json.WriteNumberValue(number);
                break;
            case BigInteger number:
                json.WriteRawValue(number.ToString(CultureInfo.InvariantCulture));
                break;
            case DateTime time:
                json.WriteStringValue(time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                break;
            case IList list:
                json.WriteStartArray();
                foreach (var element in list)
                {
                    WriteValue(json, element, column);
                }

                json.WriteEndArray();
                break;
            case var other:
                throw new InvalidOperationException($"Column {column} has the type {other.GetType().Name}, which warehouse rows do not hold.");
        }
    }
}
