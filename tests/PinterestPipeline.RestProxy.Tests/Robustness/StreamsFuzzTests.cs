using System.Globalization;
using System.Net;
using System.Text;
using PinterestPipeline.RestProxy.Tests.Infrastructure;

namespace PinterestPipeline.RestProxy.Tests.Robustness;

/// <summary>
/// FuzzTests' twin for <c>/streams</c>: thousands of malformed Kinesis requests, each of which must get a 4xx and
/// none a 5xx, while valid puts and reads keep succeeding. Seeded, so a failure names a reproducible case.
/// </summary>
public sealed class StreamsFuzzTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private const int RequestCount = 2000;
    private const string ValidRecord = """{"StreamName":"ignored","Data":{"index":1,"title":"t","lat":-89.9787},"PartitionKey":"partition-1"}""";
    private const string ValidRecords = """{"records":[{"data":"one","partition-key":"a"},{"data":{"n":2},"partition-key":"b"}]}""";

    [Fact]
    public async Task Malformed_streams_requests_get_4xx_never_5xx_and_valid_ones_keep_succeeding()
    {
        var stream = fixture.CreateStream(shards: 2);
        var iterator = await IteratorAsync(stream);

        var (failures, answers) = await Fuzz.RunAsync(
            fixture.Client, RequestCount, random => Generate(random, stream, iterator), Kind, () => AssertServesAsync(stream), servesEvery: 400);

        Assert.True(failures.Count == 0, $"{failures.Count} of {RequestCount} requests were not answered with a 4xx:\n{string.Join('\n', failures.Take(20))}");
        Assert.True(answers.Count >= 8, "the generator should reach many different error answers: " + string.Join(", ", answers));
    }

    private async Task<string> IteratorAsync(string stream)
    {
        using var response = await fixture.Client.GetAsync($"/streams/{stream}/sharditerator?shard-id=shardId-000000000000");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("ShardIterator").GetString()!;
    }

    private async Task AssertServesAsync(string stream)
    {
        using var put = await fixture.App.PutAsync($"/streams/{stream}/record", ValidRecord);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Contains("\"SequenceNumber\":\"49", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var puts = await fixture.App.PutAsync($"/streams/{stream}/records", ValidRecords);
        Assert.Contains("\"FailedRecordCount\":0", await puts.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var read = await fixture.Client.SendAsync(Get($"/streams/{stream}/records", "Shard-Iterator", await IteratorAsync(stream)));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private static (string Description, HttpRequestMessage Request) Generate(Random random, string stream, string iterator)
    {
        var record = $"/streams/{stream}/record";
        var records = $"/streams/{stream}/records";
        switch (random.Next(12))
        {
            case 0:
                var body = random.Next(2) == 0 ? ValidRecord : ValidRecords;
                var cut = random.Next(body.Length - 1);
                return ($"truncated at {cut}", RestProxyApp.Send(HttpMethod.Put, body == ValidRecord ? record : records, body[..cut]));
            case 1:
                var wrong = WrongRecords[random.Next(WrongRecords.Length)];
                return ($"wrong record {wrong}", RestProxyApp.Send(HttpMethod.Put, record, wrong));
            case 2:
                var (wrongMany, batchType) = WrongRecordsBatches[random.Next(WrongRecordsBatches.Length)];
                return ($"wrong records {Fuzz.Truncate(wrongMany)} as {batchType}", RestProxyApp.Send(HttpMethod.Put, records, wrongMany, batchType));
            case 3:
                return HugeString(random, record, records);
            case 4:
                var depth = random.Next(300, 3000);
                var nested = new string('[', depth) + new string(']', depth);
                return ($"nesting {depth}", RestProxyApp.Send(HttpMethod.Put, record, "{\"Data\":" + nested + ",\"PartitionKey\":\"k\"}"));
            case 5:
                var bytes = Encoding.UTF8.GetBytes(random.Next(2) == 0 ? ValidRecord : ValidRecords).ToList();
                byte[][] bad = [[0xff], [0xfe], [0xc0, 0xaf], [0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]];
                var at = random.Next(1, bytes.Count - 1);
                bytes.InsertRange(at, bad[random.Next(bad.Length)]);
                return ($"invalid UTF-8 at {at}", RestProxyApp.Send(HttpMethod.Put, random.Next(2) == 0 ? record : records, [.. bytes]));
            case 6:
                (HttpMethod, string)[] wrongMethods =
                [
                    (HttpMethod.Post, record), (HttpMethod.Get, record), (HttpMethod.Delete, record), (HttpMethod.Patch, records),
                    (HttpMethod.Post, records), (HttpMethod.Put, $"/streams/{stream}"), (HttpMethod.Patch, "/streams"), (HttpMethod.Put, $"/streams/{stream}/sharditerator"),
                ];
                var (method, path) = wrongMethods[random.Next(wrongMethods.Length)];
                return ($"{method} {path}", RestProxyApp.Send(method, path, ValidRecord));
            case 7:
                var noise = new byte[random.Next(0, 2000)];
                random.NextBytes(noise);
                return ($"{noise.Length} random bytes", RestProxyApp.Send(HttpMethod.Put, random.Next(2) == 0 ? record : records, noise));
            case 8:
                string[] types = ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/vnd.kafka.json.v2+json", "application/x-www-form-urlencoded", "*/*", "garbage", "application/x-amz-json-1.1"];
                var type = types[random.Next(types.Length)];
                return ($"content type '{type}'", RestProxyApp.Send(HttpMethod.Put, record, ValidRecord, type));
            case 9:
                var name = RandomName(random);
                var target = random.Next(4) switch
                {
                    0 => $"/streams/{Uri.EscapeDataString(name)}/record",
                    1 => $"/streams/{Uri.EscapeDataString(name)}",
                    2 => $"/streams/{Uri.EscapeDataString(name)}/sharditerator?shard-id=shardId-000000000000",
                    _ => $"/streams/{Uri.EscapeDataString(name)}/records",
                };
                var verb = target.EndsWith("/record", StringComparison.Ordinal) ? HttpMethod.Put : random.Next(3) == 0 ? HttpMethod.Delete : HttpMethod.Get;
                return ($"{verb} stream '{name}'", RestProxyApp.Send(verb, target, ValidRecord));
            case 10:
                var header = random.Next(4) switch
                {
                    0 => RandomAscii(random, random.Next(0, 700)),
                    1 => iterator[..random.Next(iterator.Length)],
                    2 => Flip(random, iterator),
                    _ => Convert.ToBase64String(Encoding.ASCII.GetBytes(RandomAscii(random, random.Next(1, 200)))),
                };
                return ($"iterator '{Fuzz.Truncate(header)}'", Get($"/streams/{stream}/records", "Shard-Iterator", header));
            default:
                var shard = random.Next(3) switch
                {
                    0 => RandomAscii(random, random.Next(0, 200)),
                    1 => "shardId-" + random.Next(2, int.MaxValue).ToString("D12", CultureInfo.InvariantCulture),
                    _ => random.Next(-5, 5).ToString(CultureInfo.InvariantCulture),
                };
                return ($"shard '{shard}'", new HttpRequestMessage(HttpMethod.Get, $"/streams/{stream}/sharditerator?shard-id={Uri.EscapeDataString(shard)}"));
        }
    }

    private static (string, HttpRequestMessage) HugeString(Random random, string record, string records)
    {
        var length = random.Next(100_000, 3_000_000);
        return random.Next(5) switch
        {
            4 => ($"{length + 10_485_760}-char body", RestProxyApp.Send(HttpMethod.Put, records, "{\"records\":[{\"data\":\"" + new string('d', length + 10_485_760) + "\",\"partition-key\":\"k\"}]}")),
            0 => ($"{length}-char partition key", RestProxyApp.Send(HttpMethod.Put, record, "{\"Data\":1,\"PartitionKey\":\"" + new string('k', length) + "\"}")),
            1 => ($"{length + 1_048_576}-char data", RestProxyApp.Send(HttpMethod.Put, record, "{\"Data\":\"" + new string('d', length + 1_048_576) + "\",\"PartitionKey\":\"k\"}")),
            2 => ($"{length}-char field name", RestProxyApp.Send(HttpMethod.Put, records, "{\"records\":[{\"" + new string('f', length) + "\":1}]}")),
            _ => ($"{length / 100}-char stream name", RestProxyApp.Send(HttpMethod.Put, "/streams/" + new string('s', length / 100) + "/record", ValidRecord)),
        };
    }

    private static HttpRequestMessage Get(string path, string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    private static string RandomName(Random random)
    {
        const string alphabet = "abcXYZ019._- !?*é日\t";
        var chars = new char[random.Next(1, 300)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        // Mostly illegal names; the legal ones are unknown streams.
        return new string(chars);
    }

    private static string RandomAscii(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(0x21, 0x7f);
        }

        return new string(chars);
    }

    private static string Flip(Random random, string text)
    {
        var at = random.Next(text.Length);
        var chars = text.ToCharArray();
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    /// <summary>The status and the Kinesis error type, or API Gateway's message: Kinesis answers most client errors with 400.</summary>
    private static string Kind(int status, string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            var root = document.RootElement;
            return root.TryGetProperty("__type", out var type) ? $"{status} {type.GetString()}"
                : root.TryGetProperty("message", out var message) ? $"{status} {message.GetString()![..Math.Min(20, message.GetString()!.Length)]}"
                : status.ToString(CultureInfo.InvariantCulture);
        }
        catch (System.Text.Json.JsonException)
        {
            return status.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static readonly string[] WrongRecords =
    [
        "null", "1", "\"x\"", "[]", "true", "{}",
        "{\"Data\":1}", "{\"PartitionKey\":\"k\"}", "{\"Data\":null,\"PartitionKey\":\"k\"}", "{\"Data\":1,\"PartitionKey\":\"\"}",
        "{\"Data\":1,\"PartitionKey\":null}", "{\"Data\":1,\"PartitionKey\":{}}", "{\"Data\":1,\"PartitionKey\":[\"k\"]}",
        "{\"Data\":1,\"PartitionKey\":\"\\ud800\"}", "{\"data\":1,\"partitionKey\":\"k\"}",
    ];

    private const string Json = "application/json";
    private const string AmzJson = "application/x-amz-json-1.1";

    private static readonly (string Body, string ContentType)[] WrongRecordsBatches =
    [
        ("null", Json), ("[]", Json), ("{}", AmzJson), ("{\"records\":[]}", Json), ("{\"records\":null}", Json), ("{\"records\":1}", Json),
        ("{\"records\":\"x\"}", Json), ("{\"records\":[1]}", Json), ("{\"records\":[null]}", AmzJson), ("{\"records\":[[]]}", Json),
        ("{\"records\":[{}]}", Json), ("{\"records\":[{\"data\":\"x\"}]}", Json), ("{\"records\":[{\"partition-key\":\"k\"}]}", Json),
        ("{\"records\":[{\"data\":\"x\",\"partition-key\":\"\"}]}", Json), ("{\"records\":[{\"data\":\"x\",\"partition-key\":{}}]}", Json),
        ("{\"records\":[{\"data\":\"!!notbase64\",\"partition-key\":\"k\"}]}", AmzJson), ("{\"records\":[{\"data\":[1],\"partition-key\":\"k\"}]}", AmzJson),
        ("{\"records\":[{\"data\":null,\"partition-key\":\"k\"}]}", Json), ("{\"records\":[{\"data\":12,\"partition-key\":\"k\"}]}", AmzJson),
        ("{\"records\":[" + string.Join(',', Enumerable.Repeat("{\"data\":\"x\",\"partition-key\":\"k\"}", 501)) + "]}", Json),
    ];
}
