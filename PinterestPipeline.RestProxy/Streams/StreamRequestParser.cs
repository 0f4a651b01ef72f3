using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using PinterestPipeline.RestProxy.Produce;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// Reads the bodies of <c>PUT /streams/{name}/record</c> and <c>/records</c> the way the AWS tutorial's
/// mapping templates read them, straight from the UTF-8 bytes. Fields the templates do not use
/// (<c>StreamName</c>, <c>ExplicitHashKey</c>, anything else) are ignored, as the templates ignore them.
/// </summary>
public static class StreamRequestParser
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = ProduceRequestParser.MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>
    /// PutRecord: <c>{"Data": ..., "PartitionKey": "..."}</c>. The data blob is the JSON text of <c>Data</c>
    /// (<c>$input.json('$.Data')</c>): a string stays its JSON string literal, quotes and escapes included;
    /// any other value is its text as sent, without the whitespace between tokens.
    /// </summary>
    /// <exception cref="JsonException">The body is not JSON (API Gateway cannot run its template).</exception>
    /// <exception cref="KinesisException">A SerializationException for a partition key of the wrong type.</exception>
    public static StreamRecord ParseRecord(ReadOnlySpan<byte> body)
    {
        var reader = Start(body);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            End(ref reader);
            return default;
        }

        byte[]? data = null;
        string? partitionKey = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Data"u8))
            {
                reader.Read();
                // A null Data is refused like a missing one (not null), rather than stored as the four bytes "null".
                data = reader.TokenType == JsonTokenType.Null ? null : JsonText(ref reader, body);
            }
            else if (reader.ValueTextEquals("PartitionKey"u8))
            {
                reader.Read();
                partitionKey = PartitionKey(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        End(ref reader);
        return new StreamRecord(data, partitionKey);
    }

    /// <summary>
    /// PutRecords: <c>{"records": [{"data": ..., "partition-key": "..."}]}</c>. As <c>application/json</c>
    /// (the tutorial's <c>$util.base64Encode($elem.data)</c>) a string <c>data</c> is stored as the string's
    /// own text, and any other value as its JSON text; as <c>application/x-amz-json-1.1</c> <c>data</c> is
    /// already base64 and is stored decoded. A request without a <c>records</c> array has no records.
    /// </summary>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    /// <exception cref="KinesisException">A SerializationException for a value of the wrong type.</exception>
    public static List<StreamRecord> ParseRecords(ReadOnlySpan<byte> body, bool base64Data)
    {
        var reader = Start(body);
        var records = new List<StreamRecord>();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            End(ref reader);
            return records;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isRecords = reader.ValueTextEquals("records"u8);
            reader.Read();
            if (!isRecords || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            records.Clear();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                records.Add(ReadEntry(ref reader, body, base64Data, records.Count));
            }
        }

        End(ref reader);
        return records;
    }

    /// <summary>
    /// CreateStream: an optional <c>{"ShardCount": n}</c>. An empty body, or one without <c>ShardCount</c>,
    /// leaves it to the caller's default.
    /// </summary>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    /// <exception cref="KinesisException">A SerializationException when <c>ShardCount</c> is not an integer.</exception>
    public static long? ParseShardCount(ReadOnlySpan<byte> body)
    {
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        var reader = Start(body);
        long? shardCount = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            End(ref reader);
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isShardCount = reader.ValueTextEquals("ShardCount"u8);
            reader.Read();
            if (!isShardCount || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip();
            }
            else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var count))
            {
                shardCount = count;
            }
            else
            {
                throw KinesisException.Serialization(reader.TokenType == JsonTokenType.Number
                    ? "ShardCount must be an integer."
                    : TypeMismatch(reader.TokenType, "an Integer"));
            }
        }

        End(ref reader);
        return shardCount;
    }

    private static StreamRecord ReadEntry(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, bool base64Data, int index)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        byte[]? data = null;
        string? partitionKey = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                data = base64Data ? Base64Data(ref reader, index) : RecordsData(ref reader, body);
            }
            else if (reader.ValueTextEquals("partition-key"u8))
            {
                reader.Read();
                partitionKey = PartitionKey(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new StreamRecord(data, partitionKey);
    }

    private static byte[]? RecordsData(ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return ValueBytes(ref reader);
            default:
                return JsonText(ref reader, body);
        }
    }

    private static byte[]? Base64Data(ref Utf8JsonReader reader, int index)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.TryGetBytesFromBase64(out var bytes)
                    ? bytes
                    : throw KinesisException.Serialization(string.Create(CultureInfo.InvariantCulture,
                        $"records[{index}].data can not be converted to a Blob: it is not valid base64 (application/x-amz-json-1.1 takes base64 data)."));
            default:
                throw KinesisException.Serialization(TypeMismatch(reader.TokenType, "a Blob"));
        }
    }

    /// <summary>The partition key as <c>$input.path</c> renders it: a string's value, a number's or boolean's text.</summary>
    private static string? PartitionKey(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return Unescaped(ref reader, static (ref Utf8JsonReader r) => r.GetString()!);
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                return System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                throw KinesisException.Serialization(TypeMismatch(reader.TokenType, "an String"));
        }
    }

    /// <summary>The value's JSON text as sent, whitespace between tokens removed; the reader ends on the value's last token.</summary>
    private static byte[] JsonText(ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        var end = (int)reader.BytesConsumed;
        return JsonCompactor.Compact(body[start..end]);
    }

    /// <summary>A string's unescaped UTF-8 bytes.</summary>
    private static byte[] ValueBytes(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan.ToArray();
        }

        return Unescaped(ref reader, static (ref Utf8JsonReader r) =>
        {
            var buffer = new byte[r.ValueSpan.Length];
            var written = r.CopyString(buffer);
            return buffer.AsSpan(0, written).ToArray();
        });
    }

    private delegate T StringReader<T>(ref Utf8JsonReader reader);

    /// <summary>An escape such as a lone <c>\ud800</c> has no UTF-8 form: the body is then not JSON the template can use.</summary>
    private static T Unescaped<T>(ref Utf8JsonReader reader, StringReader<T> read)
    {
        try
        {
            return read(ref reader);
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException("a string holds an escape that is not valid UTF-16: " + ex.Message, ex);
        }
    }

    private static string TypeMismatch(JsonTokenType token, string target) => token switch
    {
        JsonTokenType.StartObject => "Start of structure or map found where not expected.",
        JsonTokenType.StartArray => "Start of list found where not expected",
        JsonTokenType.True or JsonTokenType.False => "class java.lang.Boolean can not be converted to " + target,
        JsonTokenType.Number => "class java.math.BigDecimal can not be converted to " + target,
        _ => "class java.lang.String can not be converted to " + target,
    };

    private static Utf8JsonReader Start(ReadOnlySpan<byte> body)
    {
        if (!Utf8.IsValid(body))
        {
            throw new JsonException("the body is not valid UTF-8.");
        }

        var reader = new Utf8JsonReader(body, ReaderOptions);
        if (!reader.Read())
        {
            throw new JsonException("the body is empty.");
        }

        return reader;
    }

    private static void End(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException("unexpected content after the JSON value.");
        }
    }
}
