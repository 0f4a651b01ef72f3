using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PinterestPipeline.RestProxy.Tests.Infrastructure;

/// <summary>Checks of Kinesis-shaped answers, and an independent statement of Kinesis's shard choice.</summary>
public static class Kinesis
{
    /// <summary>Asserts the status, the JSON content type and Kinesis's error body; returns the message.</summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} {type}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(type, document.RootElement.GetProperty("__type").GetString());
        var message = document.RootElement.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }

    /// <summary>Asserts one of API Gateway's own answers: status, <c>{"message": ...}</c> and, when given, <c>x-amzn-ErrorType</c>.</summary>
    public static async Task<string> AssertGatewayAsync(HttpResponseMessage response, HttpStatusCode status, string? errorType = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        Assert.Single(document.RootElement.EnumerateObject());
        if (errorType is not null)
        {
            Assert.Equal(errorType, Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
        }

        return document.RootElement.GetProperty("message").GetString()!;
    }

    /// <summary>
    /// The shard Kinesis picks for <paramref name="partitionKey"/> among <paramref name="shards"/>, from the
    /// definition: MD5 of the key's UTF-8 bytes as an unsigned big-endian integer h; the shard i with
    /// floor(i·2^128/n) &lt;= h &lt;= floor((i+1)·2^128/n) − 1, found by scanning the ranges.
    /// </summary>
    public static int ExpectedShard(string partitionKey, int shards)
    {
#pragma warning disable CA5351 // Kinesis's partitioning hash, not security.
        var hash = new BigInteger(MD5.HashData(Encoding.UTF8.GetBytes(partitionKey)), isUnsigned: true, isBigEndian: true);
#pragma warning restore CA5351
        var space = BigInteger.One << 128;
        for (var i = 0; i < shards; i++)
        {
            var start = space * i / shards;
            var end = (space * (i + 1) / shards) - 1;
            if (hash >= start && hash <= end)
            {
                return i;
            }
        }

        throw new InvalidOperationException("the ranges do not cover the key space");
    }

    /// <summary>The documented sequence number of the record at (partition, offset): 49, 10 digits, 20 digits.</summary>
    public static string SequenceNumber(int partition, long offset) =>
        "49" + partition.ToString("D10", System.Globalization.CultureInfo.InvariantCulture) + offset.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);

    public static string ShardId(int shard) => "shardId-" + shard.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A PutRecord body with <paramref name="dataJson"/> as the JSON text of <c>Data</c>.</summary>
    public static string RecordBody(string dataJson, string partitionKey) =>
        $$"""{"Data":{{dataJson}},"PartitionKey":{{JsonSerializer.Serialize(partitionKey)}}}""";
}
