using System.Diagnostics;
using System.Net;
using System.Text.Json;
using PinterestPipeline.DevKafka.Broker;
using PinterestPipeline.RestProxy.Tests.Infrastructure;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.RestProxy.Tests.Kafka;

public sealed class BrokerOutageTests
{
    [Fact]
    public async Task Broker_down_fails_records_with_50003_and_health_and_both_recover_when_it_returns()
    {
        await using var broker = DevBroker.Start();
        var topic = UniqueName.For("outage");
        broker.CreateTopic(topic, 2);
        await using var app = new RestProxyApp(broker.BootstrapServers, new Dictionary<string, string?>
        {
            ["RestProxy:DeliveryTimeout"] = "00:00:03",
            ["RestProxy:MetadataTimeout"] = "00:00:01",
        });
        var client = app.CreateClient();
        const string body = """{"records":[{"value":1},{"value":2,"partition":1}]}""";

        using (var before = await app.PostAsync($"/topics/{topic}", body))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.Equal("Healthy", await client.GetStringAsync("/health"));

        broker.Cluster.SetBrokerDown();
        var watch = Stopwatch.StartNew();
        using var during = await app.PostAsync($"/topics/{topic}", body).WaitAsync(TimeSpan.FromSeconds(30));
        var elapsed = watch.Elapsed;

        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        using (var document = JsonDocument.Parse(await during.Content.ReadAsStringAsync()))
        {
            Assert.All(document.RootElement.GetProperty("offsets").EnumerateArray(), offset =>
            {
                Assert.Equal(50003, offset.GetProperty("error_code").GetInt32());
                Assert.Equal(JsonValueKind.Null, offset.GetProperty("partition").ValueKind);
                Assert.Equal(JsonValueKind.Null, offset.GetProperty("offset").ValueKind);
                Assert.False(string.IsNullOrEmpty(offset.GetProperty("error").GetString()));
            });
        }

        // The delivery timeout (3 s) plus the time librdkafka takes to notice; far from a hang.
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"records took {elapsed} to fail with a 3 s delivery timeout");
        using (var health = await client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());
        }

        broker.Cluster.SetBrokerUp();
        await UntilAsync(
            async () =>
            {
                using var after = await app.PostAsync($"/topics/{topic}", body);
                var text = await after.Content.ReadAsStringAsync();
                return after.StatusCode == HttpStatusCode.OK && !text.Contains("\"error_code\":5", StringComparison.Ordinal);
            },
            "producing did not recover within 60 s of the broker's return");
        await UntilAsync(async () => await client.GetStringAsync("/health") == "Healthy", "/health did not turn Healthy again");
    }

    [Fact]
    public async Task Broker_down_fails_stream_puts_with_internal_failure_and_they_recover()
    {
        await using var broker = DevBroker.Start();
        var stream = UniqueName.For("streaming-outage");
        broker.CreateTopic(stream, 2);
        await using var app = new RestProxyApp(broker.BootstrapServers, new Dictionary<string, string?>
        {
            ["RestProxy:DeliveryTimeout"] = "00:00:02",
            ["RestProxy:MetadataTimeout"] = "00:00:01",
        });
        var record = Kinesis.RecordBody("\"x\"", "partition-1");
        const string records = """{"records":[{"data":"a","partition-key":"a"},{"data":"b","partition-key":"b"}]}""";
        using (var before = await app.PutAsync($"/streams/{stream}/record", record))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var listed = await app.CreateClient().GetAsync("/streams"))
        {
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        }

        broker.Cluster.SetBrokerDown();
        // ListStreams asks the cluster, as GET /topics does: with the broker down, InternalFailure, not the last list.
        using (var listed = await app.CreateClient().GetAsync("/streams").WaitAsync(TimeSpan.FromSeconds(30)))
        {
            await Kinesis.AssertErrorAsync(listed, HttpStatusCode.InternalServerError, "InternalFailure");
        }

        var watch = Stopwatch.StartNew();
        using var put = await app.PutAsync($"/streams/{stream}/record", record).WaitAsync(TimeSpan.FromSeconds(30));
        using var puts = await app.PutAsync($"/streams/{stream}/records", records).WaitAsync(TimeSpan.FromSeconds(30));
        var elapsed = watch.Elapsed;

        var message = await Kinesis.AssertErrorAsync(put, HttpStatusCode.InternalServerError, "InternalFailure");
        Assert.StartsWith("The Kafka broker did not acknowledge the record: ", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, puts.StatusCode);
        using (var document = JsonDocument.Parse(await puts.Content.ReadAsStringAsync()))
        {
            Assert.Equal(2, document.RootElement.GetProperty("FailedRecordCount").GetInt32());
            Assert.All(document.RootElement.GetProperty("Records").EnumerateArray(), entry =>
            {
                Assert.Equal("InternalFailure", entry.GetProperty("ErrorCode").GetString());
                Assert.False(string.IsNullOrEmpty(entry.GetProperty("ErrorMessage").GetString()));
                Assert.False(entry.TryGetProperty("SequenceNumber", out _));
            });
        }

        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"two puts took {elapsed} with a 2 s delivery timeout");
        broker.Cluster.SetBrokerUp();
        await UntilAsync(
            async () =>
            {
                using var after = await app.PutAsync($"/streams/{stream}/record", record);
                return after.StatusCode == HttpStatusCode.OK;
            },
            "stream puts did not recover within 60 s of the broker's return");
        using (var listed = await app.CreateClient().GetAsync("/streams"))
        {
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        }
    }

    private static Task UntilAsync(Func<Task<bool>> condition, string what) =>
        Eventually.TrueAsync(condition, TimeSpan.FromSeconds(60), what, TimeSpan.FromMilliseconds(250));
}
