using System.Net;
using System.Text;
using PinterestPipeline.RestProxy.Tests.Infrastructure;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;
using Xunit.Abstractions;

namespace PinterestPipeline.RestProxy.Tests.Limits;

/// <summary>The proxy as its own process under bursts of large bodies: its resident memory stays bounded and the excess is throttled.</summary>
public sealed class MemoryBudgetTests(KafkaFixture kafka, ITestOutputHelper output) : IClassFixture<KafkaFixture>
{
    /// <summary>The RSS the defaults are meant to keep the proxy under on this machine (README, "Memory").</summary>
    private const double RssBudgetMiB = 300;

    [Fact]
    public async Task Sixty_four_concurrent_10_MB_bodies_stay_under_the_memory_budget_and_the_excess_gets_429()
    {
        var topic = kafka.CreateTopic("rp-mem");
        using var proxy = await RestProxyProcess.StartAsync(kafka.BootstrapServers);
        using var client = proxy.CreateClient();
        var body = TenRecordsOfAlmostOneMegabyte();
        Assert.InRange(body.Length, 9_900_000, 10_485_760);
        output.WriteLine($"idle: VmHWM {proxy.StatusMiB("VmHWM"):0} MiB, VmRSS {proxy.StatusMiB("VmRSS"):0} MiB");

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            using var response = await client.SendAsync(RestProxyApp.Post($"/topics/{topic}", body));
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta, text, response.Content.Headers.ContentType?.MediaType);
        }));

        var peak = proxy.StatusMiB("VmHWM");
        output.WriteLine($"after the burst: VmHWM {peak:0} MiB, VmRSS {proxy.StatusMiB("VmRSS"):0} MiB; " +
            string.Join(", ", responses.GroupBy(r => r.StatusCode).Select(g => $"{(int)g.Key}: {g.Count()}")));
        Assert.True(peak < RssBudgetMiB, $"peak RSS {peak:0} MiB, budget {RssBudgetMiB} MiB");
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{(int)r.StatusCode}: {r.text}"));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        var throttled = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(throttled);
        Assert.All(throttled, r =>
        {
            Assert.Equal(TimeSpan.FromSeconds(1), r.RetryAfter);
            Assert.Equal("application/vnd.kafka.v2+json", r.MediaType);
            Assert.Contains("\"error_code\":42901", r.text, StringComparison.Ordinal);
        });
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.OK), r =>
            Assert.DoesNotContain("\"error_code\":5", r.text, StringComparison.Ordinal));

        // Once the burst is over, the same body is taken again.
        using var later = await client.SendAsync(RestProxyApp.Post($"/topics/{topic}", body));
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        output.WriteLine($"after one more: VmHWM {proxy.StatusMiB("VmHWM"):0} MiB, VmRSS {proxy.StatusMiB("VmRSS"):0} MiB");
        Assert.True(proxy.StatusMiB("VmHWM") < RssBudgetMiB);
    }

    [Fact]
    public async Task A_streams_body_over_the_budget_gets_api_gateways_429()
    {
        var stream = kafka.CreateTopic("streaming-rp-mem");
        // The smallest budget that still takes a 10 MB body: two such bodies at once cannot both be in flight.
        using var proxy = await RestProxyProcess.StartAsync(kafka.BootstrapServers, new Dictionary<string, string?> { ["RestProxy:MaxInFlightRequestBytes"] = "10485760" });
        using var client = proxy.CreateClient();
        var record = $$"""{"records":[{"data":"{{new string('x', 1000)}}","partition-key":"k"}],"pad":"{{new string(' ', 9_000_000)}}"}""";
        var body = Encoding.UTF8.GetBytes(record);

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            using var response = await client.SendAsync(RestProxyApp.Send(HttpMethod.Put, $"/streams/{stream}/records", body));
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta,
                ErrorType: response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.Single() : null,
                Text: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{(int)r.StatusCode}: {r.Text}"));
        var throttled = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(throttled);
        Assert.All(throttled, r =>
        {
            Assert.Equal("""{"message":"Too Many Requests"}""", r.Text);
            Assert.Equal("TooManyRequestsException", r.ErrorType);
            Assert.Equal(TimeSpan.FromSeconds(1), r.RetryAfter);
        });
        using var later = await client.SendAsync(RestProxyApp.Send(HttpMethod.Put, $"/streams/{stream}/records", body));
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    /// <summary>Ten records of 990,000 bytes each: each fits the producer's message.max.bytes, together about 9.9 MB.</summary>
    private static byte[] TenRecordsOfAlmostOneMegabyte()
    {
        var value = new string('v', 990_000);
        var records = string.Join(",", Enumerable.Range(0, 10).Select(i => $$"""{"value":"{{i}}{{value}}"}"""));
        return Encoding.UTF8.GetBytes($$"""{"records":[{{records}}]}""");
    }
}
