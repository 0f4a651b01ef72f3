using System.Globalization;
using System.Text.Json;
using MySqlConnector;

namespace PinterestPipeline.EndToEnd.Tests.Pipeline;

/// <summary>
/// Checks a posted record against the seeded table, independently of the emitter's code: the row with the record's
/// key must be at the event's offset in key order, and the record must hold its columns in order, formatted as the
/// original <c>json.dumps(row, default=str)</c> did (numbers as numbers, DATETIME as <c>yyyy-MM-dd HH:mm:ss</c>), or
/// for a stream as the streaming script's string: a JSON string holding the row, DATETIME as <c>isoformat()</c>.
/// </summary>
internal static class SourceRows
{
    public static async Task AssertRecordIsRowAtOffsetAsync(
        MySqlConnection connection, string table, string keyColumn, long offset, PipelineRecord record, bool stream, CancellationToken cancellationToken)
    {
        using var stored = JsonDocument.Parse(record.Value);
        if (stream)
        {
            Assert.True(stored.RootElement.ValueKind == JsonValueKind.String, $"{record} is not the JSON string the seed's streaming script sent as Data.");
        }

        using var document = stream ? JsonDocument.Parse(stored.RootElement.GetString()!) : null;
        var json = document?.RootElement ?? stored.RootElement;
        Assert.True(json.TryGetProperty(keyColumn, out var keyElement), $"{record} has no '{keyColumn}'.");
        var key = keyElement.GetInt64();

        await using (var position = new MySqlCommand($"SELECT COUNT(*) FROM `{table}` WHERE `{keyColumn}` < @key", connection))
        {
            position.Parameters.AddWithValue("@key", key);
            var rowsBefore = Convert.ToInt64(await position.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            Assert.True(offset == rowsBefore, $"{record}: {keyColumn} {key} is at offset {rowsBefore} of {table}, the event's offset is {offset}.");
        }

        await using var command = new MySqlCommand($"SELECT * FROM `{table}` WHERE `{keyColumn}` = @key", connection);
        command.Parameters.AddWithValue("@key", key);
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        Assert.True(await row.ReadAsync(cancellationToken), $"{record}: {table} has no row with {keyColumn} {key}.");
        var properties = json.EnumerateObject().ToList();
        Assert.Equal(Enumerable.Range(0, row.FieldCount).Select(row.GetName), properties.Select(p => p.Name));
        for (var i = 0; i < row.FieldCount; i++)
        {
            AssertField(row, i, properties[i].Value, stream ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd HH:mm:ss", $"{record} {table}.{row.GetName(i)}");
        }
    }

    private static void AssertField(MySqlDataReader row, int i, JsonElement value, string dateTimeFormat, string what)
    {
        if (row.IsDBNull(i))
        {
            Assert.True(value.ValueKind == JsonValueKind.Null, $"{what}: NULL in the table, {value.GetRawText()} in the record.");
            return;
        }

        var type = row.GetDataTypeName(i).ToUpperInvariant();
        switch (type)
        {
            case "INT":
                Assert.True(value.ValueKind == JsonValueKind.Number, $"{what}: an INT posted as {value.GetRawText()}.");
                Assert.Equal(row.GetInt64(i), value.GetInt64());
                break;
            case "FLOAT":
                Assert.True(value.ValueKind == JsonValueKind.Number, $"{what}: a FLOAT posted as {value.GetRawText()}.");
                Assert.Equal(row.GetFloat(i), float.Parse(value.GetRawText(), CultureInfo.InvariantCulture));
                break;
            case "DATETIME":
                Assert.Equal(row.GetDateTime(i).ToString(dateTimeFormat, CultureInfo.InvariantCulture), value.GetString());
                break;
            case "VARCHAR":
                Assert.Equal(row.GetString(i), value.GetString());
                break;
            default:
                Assert.Fail($"{what}: the seeded schema has no {type} column; extend this comparison.");
                break;
        }
    }
}
