using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

namespace PinterestPipeline.Analytics.Queries;

/// <summary>Runs a query's SQL on the warehouse and returns its rows as a JSON array of objects keyed by column name.</summary>
internal static class QueryRunner
{
    public static async Task<string> RunAsync(DuckDBConnection connection, BatchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        await using var command = connection.CreateCommand();
        command.CommandText = query.Sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        if (!names.SequenceEqual(query.Columns))
        {
            throw new InvalidOperationException($"Query {query.Id} returned the columns {string.Join(", ", names)}; the course asks for {string.Join(", ", query.Columns)}.");
        }

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
                    WriteValue(json, reader, i);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter json, DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            json.WriteNullValue();
            return;
        }

        switch (reader.GetValue(ordinal))
        {
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
            case var other:
                throw new InvalidOperationException($"Column {reader.GetName(ordinal)} has the type {other.GetType().Name}, which query results do not hold.");
        }
    }
}
