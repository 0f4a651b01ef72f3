using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace PinterestPipeline.Emitter.Source;

/// <summary>
/// Writes the current row of a reader as a JSON object the way the original's <c>json.dumps(row, default=str)</c> over
/// pymysql did: keys in column order, numbers as numbers, text as strings, DATETIME as <c>yyyy-MM-dd HH:mm:ss</c>.
/// </summary>
public static class RowJsonWriter
{
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";
    public const string DateFormat = "yyyy-MM-dd";

    public static void WriteRow(Utf8JsonWriter writer, DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reader);

        writer.WriteStartObject();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            writer.WritePropertyName(reader.GetName(i));
            if (reader.IsDBNull(i))
            {
                writer.WriteNullValue();
                continue;
            }

            WriteValue(writer, reader.GetValue(i), reader.GetDataTypeName(i));
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object value, string dataTypeName)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteNumberValue(flag ? 1 : 0);
                break;
            case sbyte or byte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong big:
                writer.WriteNumberValue(big);
                break;
            case float single:
                // A FLOAT holds about 7 digits; its shortest round-trip text is what the server sends and what Python
                // printed (-89.9787), where widening to double would print -89.97869873046875.
                writer.WriteRawValue(single.ToString("R", CultureInfo.InvariantCulture));
                break;
            case double number:
                writer.WriteRawValue(number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case decimal exact:
                writer.WriteNumberValue(exact);
                break;
            case DateTime moment:
                writer.WriteStringValue(moment.ToString(
                    string.Equals(dataTypeName, "DATE", StringComparison.OrdinalIgnoreCase) ? DateFormat : DateTimeFormat,
                    CultureInfo.InvariantCulture));
                break;
            case DateOnly date:
                writer.WriteStringValue(date.ToString(DateFormat, CultureInfo.InvariantCulture));
                break;
            case TimeSpan time:
                writer.WriteStringValue(time.ToString("c", CultureInfo.InvariantCulture));
                break;
            case Guid id:
                writer.WriteStringValue(id.ToString("D"));
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
