using System.Data.Common;
using System.Globalization;

namespace PinterestPipeline.Emitter.Source;

/// <summary>
/// Writes the current row of a reader as a JSON object the way the original's <c>json.dumps(row)</c> over pymysql typed
/// it: keys in column order, numbers as numbers, text as strings, DATETIME and DATE as the writer's date text.
/// </summary>
public static class RowJsonWriter
{
    public static void WriteRow(IRowJsonWriter writer, DbDataReader reader)
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

    private static void WriteValue(IRowJsonWriter writer, object value, string dataTypeName)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteNumberValue(flag ? 1L : 0L);
                break;
            case sbyte or byte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong big:
                writer.WriteNumberValue(big);
                break;
            case float single:
                writer.WriteNumberValue(single);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case decimal exact:
                writer.WriteNumberValue(exact);
                break;
            case DateTime moment when string.Equals(dataTypeName, "DATE", StringComparison.OrdinalIgnoreCase):
                writer.WriteDateValue(DateOnly.FromDateTime(moment));
                break;
            case DateTime moment:
                writer.WriteDateTimeValue(moment);
                break;
            case DateOnly date:
                writer.WriteDateValue(date);
                break;
            case TimeSpan time:
                writer.WriteStringValue(time.ToString("c", CultureInfo.InvariantCulture));
                break;
            case Guid id:
                writer.WriteStringValue(id.ToString("D"));
                break;
            case byte[] bytes:
                writer.WriteStringValue(Convert.ToBase64String(bytes));
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                break;
        }
    }
}
