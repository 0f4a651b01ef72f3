using System.Net;
using System.Text;
using PinterestPipeline.RestProxy.Tests.Infrastructure;

namespace PinterestPipeline.RestProxy.Tests.Robustness;

/// <summary>
/// Thousands of malformed requests: each must get a 4xx, none a 5xx, and the service must keep serving.
/// The generator is seeded, so a failure names a reproducible case.
/// </summary>
public sealed class FuzzTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private const int RequestCount = 3000;
    private const string Valid = """{"records":[{"key":"k","value":{"index":1,"title":"t","lat":-89.9787}},{"value":[1,2,3],"partition":0}]}""";

    [Fact]
    public async Task Malformed_requests_get_4xx_never_5xx_and_the_service_keeps_serving()
    {
        var topic = fixture.CreateTopic(partitions: 2);

        var (failures, statuses) = await Fuzz.RunAsync(
            fixture.Client, RequestCount, random => Generate(random, topic), (status, _) => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            () => AssertServesAsync(topic), servesEvery: 500);

        Assert.True(failures.Count == 0, $"{failures.Count} of {RequestCount} requests were not answered with a 4xx:\n{string.Join('\n', failures.Take(20))}");
        Assert.True(statuses.Count >= 5, "the generator should reach many different error answers: " + string.Join(", ", statuses));
    }

    private async Task AssertServesAsync(string topic)
    {
        using var response = await fixture.App.PostAsync($"/topics/{topic}", Valid);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("\"error_code\":5", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static (string Description, HttpRequestMessage Request) Generate(Random random, string topic)
    {
        var path = $"/topics/{topic}";
        switch (random.Next(10))
        {
            case 0:
                var cut = random.Next(Valid.Length - 1);
                return ($"truncated at {cut}", RestProxyApp.Post(path, Valid[..cut]));
            case 1:
                var wrong = WrongTypes[random.Next(WrongTypes.Length)];
                return ($"wrong type {wrong}", RestProxyApp.Post(path, wrong, random.Next(2) == 0 ? RestProxyApp.Json : RestProxyApp.Binary));
            case 2:
                return HugeString(random, path, topic);
            case 3:
                var depth = random.Next(300, 3000);
                var nested = new string('[', depth) + new string(']', depth);
                return ($"nesting {depth}", RestProxyApp.Post(path, "{\"records\":[{\"value\":" + nested + "}]}"));
            case 4:
                var bytes = Encoding.UTF8.GetBytes(Valid).ToList();
                byte[][] bad = [[0xff], [0xfe], [0xc0, 0xaf], [0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]];
                var at = random.Next(1, bytes.Count - 1);
                var insert = bad[random.Next(bad.Length)];
                bytes.InsertRange(at, insert);
                return ($"invalid UTF-8 at {at}", RestProxyApp.Post(path, [.. bytes]));
            case 5:
                var methods = new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Get };
                var method = methods[random.Next(methods.Length)];
                var target = method == HttpMethod.Get ? "/topics/" + topic + "/records" : random.Next(2) == 0 ? path : path + "/partitions/0";
                return ($"{method} {target}", new HttpRequestMessage(method, target) { Content = new StringContent(Valid, Encoding.UTF8, RestProxyApp.Json) });
            case 6:
                var noise = new byte[random.Next(0, 2000)];
                random.NextBytes(noise);
                return ($"{noise.Length} random bytes", RestProxyApp.Post(path, noise, random.Next(2) == 0 ? RestProxyApp.Json : RestProxyApp.Binary));
            case 7:
                string[] types = ["text/plain", "application/json", "application/xml", "multipart/form-data; boundary=x", "application/vnd.kafka.avro.v2+json", "application/vnd.kafka.json.v3+json", "*/*", "garbage", ""];
                var type = types[random.Next(types.Length)];
                return ($"content type '{type}'", RestProxyApp.Post(path, Valid, type));
            case 8:
                var name = RandomName(random);
                return ($"topic '{name}'", RestProxyApp.Post("/topics/" + Uri.EscapeDataString(name), Valid));
            default:
                var partition = random.Next(2) == 0 ? random.Next(2, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture) : "-" + random.Next(1, 100);
                return ($"partition {partition}", RestProxyApp.Post($"{path}/partitions/{partition}", """{"records":[{"value":1}]}"""));
        }
    }

    private static (string, HttpRequestMessage) HugeString(Random random, string path, string topic)
    {
        var length = random.Next(100_000, 3_000_000);
        return random.Next(3) switch
        {
            0 => ($"{length}-char non-base64 value", RestProxyApp.Post(path, "{\"records\":[{\"value\":\"" + new string('!', length) + "\"}]}", RestProxyApp.Binary)),
            1 => ($"{length}-char field name", RestProxyApp.Post(path, "{\"records\":[{\"" + new string('v', length) + "\":1}]}")),
            _ => ($"{length / 100}-char topic", RestProxyApp.Post("/topics/" + topic + new string('x', length / 100), Valid)),
        };
    }

    private static string RandomName(Random random)
    {
        const string alphabet = "abcXYZ019._- !?*é日\t";
        var chars = new char[random.Next(1, 300)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        // Mostly illegal names; the legal ones are unknown topics.
        return new string(chars);
    }

    private static readonly string[] WrongTypes =
    [
        "null", "1", "\"records\"", "[]", "[{\"records\":[]}]", "true",
        "{\"records\":1}", "{\"records\":\"x\"}", "{\"records\":true}", "{\"records\":{\"value\":1}}",
        "{\"records\":[1]}", "{\"records\":[\"x\"]}", "{\"records\":[[]]}", "{\"records\":[null]}",
        "{\"records\":[{\"value\":1,\"partition\":\"0\"}]}", "{\"records\":[{\"value\":1,\"partition\":-1}]}",
        "{\"records\":[{\"value\":1,\"partition\":1e20}]}", "{\"records\":[{\"value\":1,\"partition\":0.5}]}",
        "{\"records\":[{\"value\":1,\"partition\":true}]}", "{\"records\":[{\"value\":1,\"partition\":{}}]}",
        "{\"records\":[{\"value\":1,\"partition\":7}]}", "{\"records\":[{\"value\":1,\"extra\":2}]}",
        "{\"records\":[{\"value\":1}],\"unknown\":2}", "{\"records\":[]}", "{}", "{\"records\":null}",
        "{\"records\":[{\"value\":1}],\"records\":[]}", "{\"records\":[{\"value\":{\"a\":1},\"key\":[1],\"partition\":\"x\"}]}",
    ];
}
