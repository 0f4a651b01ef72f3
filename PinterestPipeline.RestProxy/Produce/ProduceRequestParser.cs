using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.RestProxy.Produce;

/// <summary>
/// Reads a v2 produce request straight from its UTF-8 bytes: <c>{"records":[{"key":..,"value":..,"partition":..}]}</c>.
/// JSON keys and values are sliced out of the body rather than re-serialized, so what reaches Kafka is
/// what the client sent, minus insignificant whitespace.
/// </summary>
public static class ProduceRequestParser
{
    /// <summary>Deeper than any real row; deep enough that no legitimate payload is refused.</summary>
    public const int MaxDepth = 256;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <param name="body">The request body.</param>
    /// <param name="format">How keys and values are embedded.</param>
    /// <param name="maxRecords">The most records one request may carry.</param>
    /// <param name="partitionInPath">True for <c>/topics/{t}/partitions/{p}</c>, whose records take no partition of their own.</param>
    /// <exception cref="ProduceRequestException">The request is malformed or breaks a limit.</exception>
    public static List<ProduceRecord> Parse(ReadOnlySpan<byte> body, EmbeddedFormat format, int maxRecords, bool partitionInPath)
    {
        if (body.IsEmpty)
        {
            throw ProduceRequestException.BadRequest("the request body is empty; expected {\"records\":[...]}.");
        }

        if (!Utf8.IsValid(body))
        {
            throw ProduceRequestException.BadRequest("the request body is not valid UTF-8.");
        }

        try
        {
            var reader = new Utf8JsonReader(body, ReaderOptions);
            var records = ReadRequest(ref reader, body, format, maxRecords, partitionInPath);
            if (reader.Read())
            {
                throw ProduceRequestException.BadRequest("unexpected content after the request object.");
            }

            return records ?? throw ProduceRequestException.Unprocessable("records must not be empty");
        }
        catch (JsonException ex)
        {
            throw ProduceRequestException.BadRequest("malformed JSON: " + ex.Message, ex);
        }
    }

    private static List<ProduceRecord>? ReadRequest(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, EmbeddedFormat format, int maxRecords, bool partitionInPath)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ProduceRequestException.Unprocessable("The request body must be a JSON object with a \"records\" array.");
        }

        List<ProduceRecord>? records = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("records"u8))
            {
                reader.Read();
                records = ReadRecords(ref reader, body, format, maxRecords, partitionInPath);
            }
            else if (reader.ValueTextEquals("key_schema"u8) || reader.ValueTextEquals("value_schema"u8) ||
                     reader.ValueTextEquals("key_schema_id"u8) || reader.ValueTextEquals("value_schema_id"u8))
            {
                // Schemas only mean something to the schema-registry formats; Confluent's proxy ignores them here too.
                reader.Read();
                reader.Skip();
            }
            else
            {
                throw ProduceRequestException.Unprocessable("Unrecognized field: " + FieldName(ref reader));
            }
        }

        return records;
    }

    private static List<ProduceRecord>? ReadRecords(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, EmbeddedFormat format, int maxRecords, bool partitionInPath)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw ProduceRequestException.Unprocessable("records must be an array of record objects.");
        }

        var records = new List<ProduceRecord>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (records.Count == maxRecords)
            {
                throw ProduceRequestException.Unprocessable(
                    string.Create(CultureInfo.InvariantCulture, $"records: a request may carry at most {maxRecords} records; split the batch."));
            }

            records.Add(ReadRecord(ref reader, body, format, partitionInPath, records.Count));
        }

        return records.Count == 0 ? null : records;
    }

    private static ProduceRecord ReadRecord(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, EmbeddedFormat format, bool partitionInPath, int index)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ProduceRequestException.Unprocessable(string.Create(CultureInfo.InvariantCulture, $"records[{index}] must be an object with \"value\" and optional \"key\" and \"partition\"."));
        }

        byte[]? key = null;
        byte[]? value = null;
        int? partition = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                value = ReadPayload(ref reader, body, format, index, "value");
            }
            else if (reader.ValueTextEquals("key"u8))
            {
                reader.Read();
                key = ReadPayload(ref reader, body, format, index, "key");
            }
            else if (reader.ValueTextEquals("partition"u8) && !partitionInPath)
            {
                reader.Read();
                partition = ReadPartition(ref reader, index);
            }
            else
            {
                throw ProduceRequestException.Unprocessable(
                    string.Create(CultureInfo.InvariantCulture, $"Unrecognized field: {FieldName(ref reader)} (in records[{index}])"));
            }
        }

        return new ProduceRecord(key, value, partition);
    }

    private static byte[]? ReadPayload(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, EmbeddedFormat format, int index, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (format == EmbeddedFormat.Binary)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw ProduceRequestException.Unprocessable(
                    string.Create(CultureInfo.InvariantCulture, $"records[{index}].{field} must be a base64 string (or null) for {MediaTypes.Binary}."));
            }

            return reader.TryGetBytesFromBase64(out var bytes)
                ? bytes
                : throw ProduceRequestException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"records[{index}].{field} is not valid base64."));
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        var end = (int)reader.BytesConsumed;
        return JsonCompactor.Compact(body[start..end]);
    }

    /// <summary>The field name for an error message, cut short: the message must not echo megabytes back.</summary>
    private static string FieldName(ref Utf8JsonReader reader)
    {
        const int MaxShown = 64;
        var name = reader.GetString() ?? string.Empty;
        return name.Length <= MaxShown ? name : string.Concat(name.AsSpan(0, MaxShown), "…");
    }

    private static int? ReadPartition(ref Utf8JsonReader reader, int index)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var partition) && partition >= 0)
        {
            return partition;
        }

        throw ProduceRequestException.Unprocessable(
            string.Create(CultureInfo.InvariantCulture, $"records[{index}].partition must be a non-negative integer or null."));
    }
}
