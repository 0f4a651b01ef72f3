using System.Globalization;
using System.Text.Json;
using MySqlConnector;

namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>Compares a posted record value with the database row it came from, column by column, read independently.</summary>
internal static class RowAssert
{
    /// <param name="streams">
    /// The streams' form: DATETIME as <c>isoformat()</c> (<c>2020-08-28T03:52:47</c>) and floats checked by value; else the
    /// topics' form, DATETIME as <c>2020-08-28 03:52:47</c> and a FLOAT as its shortest .NET text.
    /// </param>
    public static async Task EqualsRowAsync(string connectionString, string table, string keyColumn, JsonElement value, bool streams = false)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"SELECT * FROM `{table}` WHERE `{keyColumn}` = @key", connection);
        command.Parameters.AddWithValue("@key", value.GetProperty(keyColumn).GetInt32());
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"{table} has no row {keyColumn} = {value.GetProperty(keyColumn)}");

        var properties = value.EnumerateObject().ToArray();
        Assert.Equal(Enumerable.Range(0, reader.FieldCount).Select(reader.GetName), properties.Select(p => p.Name));
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var actual = properties[i].Value;
            switch (reader.GetValue(i))
            {
                case string text:
                    Assert.Equal(text, actual.GetString());
                    break;
                case Guid id:
                    Assert.Equal(id.ToString(), actual.GetString());
                    break;
                case bool flag:
                    Assert.Equal(flag ? 1 : 0, actual.GetInt32());
                    break;
                case int number:
                    Assert.Equal(number, actual.GetInt32());
                    break;
                case float single:
                    Assert.Equal(single, actual.GetSingle());
                    if (!streams)
                    {
                        Assert.Equal(single.ToString(CultureInfo.InvariantCulture), actual.GetRawText());
                    }

                    break;
                case DateTime moment:
                    Assert.Equal(moment.ToString(streams ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), actual.GetString());
                    break;
                case var other:
                    Assert.Fail($"Column {reader.GetName(i)} has an unexpected type {other.GetType()}.");
                    break;
            }
        }
    }
}
