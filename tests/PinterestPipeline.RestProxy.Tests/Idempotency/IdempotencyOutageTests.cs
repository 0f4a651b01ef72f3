using System.Net;
using PinterestPipeline.DevKafka.Broker;
using PinterestPipeline.RestProxy.Tests.Infrastructure;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.RestProxy.Tests.Idempotency;

public sealed class IdempotencyOutageTests
{
    [Fact]
    public async Task A_first_keyed_request_while_the_broker_is_down_is_a_retriable_error_and_works_once_it_is_back()
    {
        await using var broker = DevBroker.Start();
        var topic = UniqueName.For("keys-outage");
        broker.CreateTopic(topic, 3);
        await using var app = new RestProxyApp(broker.BootstrapServers, new Dictionary<string, string?>
        {
            ["RestProxy:DeliveryTimeout"] = "00:00:02",
            ["RestProxy:MetadataTimeout"] = "00:00:01",
        });
        const string body = """{"records":[{"value":1}]}""";
        using (var unkeyed = await app.PostAsync($"/topics/{topic}", body))
        {
            // The topic is in the proxy's metadata; its keys have not been read yet.
            Assert.Equal(HttpStatusCode.OK, unkeyed.StatusCode);
        }

        broker.Cluster.SetBrokerDown();
        var during = await PostAsync(app, topic, body, "k1").WaitAsync(TimeSpan.FromSeconds(30));
        broker.Cluster.SetBrokerUp();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.Status);
        Assert.StartsWith("""{"error_code":50302,"message":"Service Unavailable: """, during.Text, StringComparison.Ordinal);
        (HttpStatusCode Status, string Text) first;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            first = await PostAsync(app, topic, body, "k1");
        }
        // Until the record is produced: just after the outage a 200 can still carry a per-record retriable error
        // (50003), and such an answer keeps no key, so its retry is produced anew (the proxy's documented rule).
        while ((first.Status != HttpStatusCode.OK || first.Text.Contains("\"error_code\":5", StringComparison.Ordinal)) && DateTime.UtcNow < deadline);

        var repeat = await PostAsync(app, topic, body, "k1");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, repeat.Status));
        Assert.Equal(first.Text, repeat.Text);
        var stored = Enumerable.Range(0, 3).Sum(p => KafkaWatermark(broker, topic, p));
        Assert.Equal(2, stored);
    }

    private static long KafkaWatermark(DevBroker broker, string topic, int partition)
    {
        using var consumer = new Confluent.Kafka.ConsumerBuilder<byte[], byte[]>(new Confluent.Kafka.ConsumerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            GroupId = UniqueName.For("reader"),
        }).Build();
        return consumer.QueryWatermarkOffsets(new Confluent.Kafka.TopicPartition(topic, partition), TimeSpan.FromSeconds(10)).High.Value;
    }

    private static async Task<(HttpStatusCode Status, string Text)> PostAsync(RestProxyApp app, string topic, string body, string key)
    {
        using var request = RestProxyApp.Post($"/topics/{topic}", body);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await app.CreateClient().SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
