using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using PinterestPipeline.RestProxy.Telemetry;
using PinterestPipeline.RestProxy.Tests.Infrastructure;

namespace PinterestPipeline.RestProxy.Tests.Telemetry;

public sealed class TelemetryTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task Incoming_traceparent_continues_into_the_produce_activity_and_the_record_headers()
    {
        var topic = fixture.CreateTopic();
        var traceId = ActivityTraceId.CreateRandom();
        var parentSpan = ActivitySpanId.CreateRandom();
        var produceActivities = new List<Activity>();
        using var listener = ListenForSpans(topic, produceActivities);

        using var request = RestProxyApp.Post($"/topics/{topic}", """{"records":[{"value":1},{"value":2}]}""");
        request.Headers.Add("traceparent", $"00-{traceId}-{parentSpan}-01");
        request.Headers.Add("tracestate", "vendor=abc");
        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var produce = Assert.Single(produceActivities);
        Assert.Equal(ActivityKind.Producer, produce.Kind);
        Assert.Equal(traceId, produce.TraceId);
        Assert.Equal("kafka", produce.GetTagItem("messaging.system"));
        foreach (var record in KafkaReader.Read(fixture.Broker.BootstrapServers, topic, 0, 2))
        {
            var traceparent = Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes("traceparent"));
            Assert.Equal($"00-{traceId}-{produce.SpanId}-01", traceparent);
            Assert.Equal("vendor=abc", Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes("tracestate")));
        }
    }

    [Fact]
    public async Task Requests_records_and_latency_are_measured()
    {
        var topic = fixture.CreateTopic();
        var meters = fixture.App.Services.GetRequiredService<IMeterFactory>();
        using var requests = new MetricCollector<long>(meters, PipelineTelemetry.MeterName, RestProxyMetrics.RequestsName);
        using var produced = new MetricCollector<long>(meters, PipelineTelemetry.MeterName, RestProxyMetrics.RecordsProducedName);
        using var failed = new MetricCollector<long>(meters, PipelineTelemetry.MeterName, RestProxyMetrics.RecordsFailedName);
        using var duration = new MetricCollector<double>(meters, PipelineTelemetry.MeterName, RestProxyMetrics.ProduceDurationName);

        using (await fixture.App.PostAsync($"/topics/{topic}", """{"records":[{"value":1},{"value":2},{"value":3}]}"""))
        {
        }

        // A record over message.max.bytes is refused before the producer and counted as failed; the other record is produced.
        using (await fixture.App.PostAsync($"/topics/{topic}", $$"""{"records":[{"value":"{{new string('x', 2_000_000)}}"},{"value":4}]}"""))
        {
        }

        using (await fixture.App.PostAsync("/topics/" + PinterestPipeline.TestSupport.UniqueName.For("missing"), """{"records":[{"value":1}]}"""))
        {
        }

        Assert.Equal(4, Sum(produced, topic));
        Assert.Equal(1, Sum(failed, topic));
        Assert.Equal(50002, Assert.Single(failed.GetMeasurementSnapshot(), m => Topic(m.Tags) == topic).Tags["error_code"]);
        Assert.Equal(2, duration.GetMeasurementSnapshot().Count(m => Topic(m.Tags) == topic));
        var statuses = requests.GetMeasurementSnapshot().Select(m => m.Tags["http.response.status_code"]).ToArray();
        Assert.Contains(200, statuses);
        Assert.Contains(404, statuses);
    }

    [Fact]
    public async Task A_stream_put_continues_the_trace_in_a_put_producer_span_and_is_counted()
    {
        var stream = fixture.CreateStream();
        var traceId = ActivityTraceId.CreateRandom();
        var spans = new List<Activity>();
        using var listener = ListenForSpans(stream, spans);
        var meters = fixture.App.Services.GetRequiredService<IMeterFactory>();
        using var produced = new MetricCollector<long>(meters, PipelineTelemetry.MeterName, RestProxyMetrics.RecordsProducedName);

        using var request = RestProxyApp.Send(HttpMethod.Put, $"/streams/{stream}/records", """{"records":[{"data":"a","partition-key":"k"},{"data":"b","partition-key":"k"}]}""");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var span = Assert.Single(spans);
        Assert.Equal($"put {stream}", span.DisplayName);
        Assert.Equal(ActivityKind.Producer, span.Kind);
        Assert.Equal(traceId, span.TraceId);
        Assert.Equal("put", span.GetTagItem("messaging.operation.name"));
        foreach (var record in KafkaReader.Read(fixture.Broker.BootstrapServers, stream, 0, 2))
        {
            Assert.Equal($"00-{traceId}-{span.SpanId}-01", Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes("traceparent")));
        }

        Assert.Equal(2, Sum(produced, stream));
    }

    /// <summary>Collects the stopped spans of the pipeline's source that name <paramref name="destination"/>.</summary>
    private static ActivityListener ListenForSpans(string destination, List<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "PinterestPipeline",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("messaging.destination.name") as string == destination)
                {
                    lock (spans)
                    {
                        spans.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static long Sum(MetricCollector<long> collector, string topic) =>
        collector.GetMeasurementSnapshot().Where(m => Topic(m.Tags) == topic).Sum(m => m.Value);

    private static string? Topic(IReadOnlyDictionary<string, object?> tags) =>
        tags.TryGetValue("messaging.destination.name", out var value) ? value as string : null;
}
