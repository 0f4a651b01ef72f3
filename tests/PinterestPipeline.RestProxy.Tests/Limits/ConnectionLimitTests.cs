using System.Net;
using PinterestPipeline.RestProxy.Tests.Infrastructure;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;

namespace PinterestPipeline.RestProxy.Tests.Limits;

/// <summary>RestProxy:MaxConnections against the proxy as its own process: each HttpClient below holds one connection of its own.</summary>
public sealed class ConnectionLimitTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    [Fact]
    public async Task Connections_past_the_limit_get_429_and_are_closed_and_a_freed_slot_is_taken_again()
    {
        var topic = kafka.CreateTopic("rp-conn");
        using var proxy = await RestProxyProcess.StartAsync(kafka.BootstrapServers, new Dictionary<string, string?> { ["RestProxy:MaxConnections"] = "3" });
        var held = new List<HttpClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var client = proxy.CreateClient();
                held.Add(client);
                using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            using (var extra = proxy.CreateClient())
            {
                using var produce = await extra.SendAsync(RestProxyApp.Post($"/topics/{topic}", """{"records":[{"value":1}]}"""));
                Assert.Equal(TimeSpan.FromSeconds(1), produce.Headers.RetryAfter?.Delta);
                Assert.True(produce.Headers.ConnectionClose);
                Assert.Contains("MaxConnections", await Envelope.AssertAsync(produce, HttpStatusCode.TooManyRequests, 42901), StringComparison.Ordinal);
            }

            using (var extra = proxy.CreateClient())
            {
                using var put = await extra.SendAsync(RestProxyApp.Send(HttpMethod.Put, $"/streams/streaming-{topic}/record", """{"Data":1,"PartitionKey":"k"}"""));
                Assert.Equal(HttpStatusCode.TooManyRequests, put.StatusCode);
                Assert.Equal("""{"message":"Too Many Requests"}""", await put.Content.ReadAsStringAsync());
                Assert.Equal(TimeSpan.FromSeconds(1), put.Headers.RetryAfter?.Delta);
            }

            // The held connections keep working.
            using (var again = await held[0].SendAsync(RestProxyApp.Post($"/topics/{topic}", """{"records":[{"value":2}]}""")))
            {
                Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            }

            held[1].Dispose();
            held.RemoveAt(1);
            var status = await Eventually.ReachedAsync(
                async () =>
                {
                    using var next = proxy.CreateClient();
                    using var response = await next.SendAsync(RestProxyApp.Post($"/topics/{topic}", """{"records":[{"value":3}]}"""));
                    return response.StatusCode;
                },
                s => s == HttpStatusCode.OK,
                TimeSpan.FromSeconds(10),
                s => $"a new connection still got {(int)s} {s} after one held was closed",
                TimeSpan.FromMilliseconds(100));

            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            held.ForEach(c => c.Dispose());
        }
    }
}
