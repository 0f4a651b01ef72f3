using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using PinterestPipeline.Analytics.Tests.Infrastructure;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;

namespace PinterestPipeline.Analytics.Tests.StreamProcessing;

/// <summary>A span per micro-batch that continues the producers' traces through the records' headers, and the job's metrics.</summary>
public sealed class StreamTelemetryTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>, IDisposable
{
    private readonly ConcurrentQueue<Activity> batches = new();
    private readonly ActivityListener listener = new();

    public void Dispose() => listener.Dispose();

    [Fact]
    public async Task Each_micro_batch_has_a_span_linked_to_its_records_traces_and_is_their_child_when_they_share_one()
    {
        listener.ShouldListenTo = source => source.Name == PipelineTelemetry.ActivitySourceName;
        listener.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded;
        listener.ActivityStopped = activity =>
        {
            if (activity.OperationName == "stream batch")
            {
                batches.Enqueue(activity);
            }
        };
        ActivitySource.AddActivityListener(listener);

        using var bucket = new TestBucket();
        StreamTestHost.CreateStreams(kafka, bucket);
        var settings = StreamTestHost.Settings(bucket, kafka.BootstrapServers);
        // Long enough that records put together are committed together.
        settings["Analytics:Streams:MaxBatchWait"] = "00:00:01";
        await using var app = new AnalyticsApp(bucket, settings);
        using var client = app.CreateClient();
        var meters = app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var rows = new MetricCollector<long>(meters, PipelineTelemetry.MeterName, "analytics.streams.rows");
        using var rejected = new MetricCollector<long>(meters, PipelineTelemetry.MeterName, "analytics.streams.records.rejected");
        using var lag = new MetricCollector<long>(meters, PipelineTelemetry.MeterName, "analytics.streams.lag");
        using var latency = new MetricCollector<double>(meters, PipelineTelemetry.MeterName, "analytics.streams.latency");
        using var producer = new StreamProducer(kafka.BootstrapServers);

        // One emitted event: one trace, its three PUTs' producer spans, one record in each stream.
        var eventTrace = ActivityTraceId.CreateRandom();
        var puts = Enumerable.Range(0, 3).Select(_ => ActivitySpanId.CreateRandom()).ToArray();
        await Task.WhenAll(StreamTestHost.Suffixes.Select((suffix, i) =>
            producer.PutAsync(StreamTestHost.Stream(bucket, suffix), 0, [Data(suffix, 1)], headers: TraceParent(eventTrace, puts[i]))));
        await StreamTestHost.WaitForRowsAsync(client, 1, 1, 1);
        var one = await BatchLinkingAsync(puts[0]);

        Assert.Equal(eventTrace, one.TraceId);
        Assert.Contains(one.ParentSpanId, puts);
        Assert.Equal(ActivityKind.Consumer, one.Kind);
        Assert.Equal(puts.Select(p => p.ToHexString()).Order(), one.Links.Select(l => l.Context.SpanId.ToHexString()).Order());
        Assert.Equal(3, one.GetTagItem("messaging.batch.message_count"));
        Assert.Equal((1, 1, 1), (one.GetTagItem("analytics.streams.rows.pin"), one.GetTagItem("analytics.streams.rows.geo"), one.GetTagItem("analytics.streams.rows.user")));

        // Two events' records, and one record without a trace, in one batch: a trace of its own, linked to both.
        var others = new[] { (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom()), (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom()) };
        var pin = StreamTestHost.Stream(bucket, "pin");
        await Task.WhenAll(
            producer.PutAsync(pin, 0, [Data("pin", 2)], headers: TraceParent(others[0].Item1, others[0].Item2)),
            producer.PutAsync(pin, 0, [Data("pin", 3)], headers: TraceParent(others[1].Item1, others[1].Item2)),
            producer.PutAsync(pin, 0, [Encoding.UTF8.GetBytes("not json")]));
        await StreamTestHost.WaitAsync(client, s => StreamTestHost.Rows(s, 0) == 3 && s.GetProperty("tables")[0].GetProperty("rejected").GetInt64() == 1, "3 pins and a rejection");
        var two = await BatchLinkingAsync(others[0].Item2);

        Assert.NotEqual(others[0].Item1, two.TraceId);
        Assert.NotEqual(others[1].Item1, two.TraceId);
        Assert.Equal(default, two.ParentSpanId);
        Assert.Equal(others.Select(o => o.Item2.ToHexString()).Order(), two.Links.Select(l => l.Context.SpanId.ToHexString()).Order());
        Assert.Equal((3, 2, 1), (two.GetTagItem("messaging.batch.message_count"), two.GetTagItem("analytics.streams.rows.pin"), two.GetTagItem("analytics.streams.rejected")));

        // Metrics: rows per table, rejections per stream, a latency per row, and no lag once all is committed.
        Assert.Equal(3, rows.GetMeasurementSnapshot().Where(m => Tag(m.Tags, "analytics.streams.table") == StreamTestHost.Table(bucket, "pin")).Sum(m => m.Value));
        Assert.Equal(1, rows.GetMeasurementSnapshot().Where(m => Tag(m.Tags, "analytics.streams.table") == StreamTestHost.Table(bucket, "user")).Sum(m => m.Value));
        Assert.Equal(1, rejected.GetMeasurementSnapshot().Single(m => Tag(m.Tags, "analytics.streams.stream") == pin).Value);
        Assert.Equal(5, latency.GetMeasurementSnapshot().Count);
        Assert.All(latency.GetMeasurementSnapshot(), m => Assert.InRange(m.Value, 0, 60));
        await StreamTestHost.WaitAsync(client, s => s.GetProperty("tables").EnumerateArray().All(t => t.GetProperty("lag").ValueKind == JsonValueKind.Number && t.GetProperty("lag").GetInt64() == 0), "no lag");
        lag.RecordObservableInstruments();
        var shards = lag.GetMeasurementSnapshot().Where(m => Tag(m.Tags, "analytics.streams.stream")?.Contains(bucket.TopicPrefix, StringComparison.Ordinal) == true).ToList();
        Assert.Equal(3, shards.Count);
        Assert.All(shards, m => Assert.Equal(0, m.Value));
    }

    private async Task<Activity> BatchLinkingAsync(ActivitySpanId span) =>
        (await Eventually.ReachedAsync(
            () => Task.FromResult(batches.FirstOrDefault(a => a.Links.Any(l => l.Context.SpanId == span))), batch => batch is not null, StreamTestHost.Limit,
            $"No stream batch span links to {span}.", TimeSpan.FromMilliseconds(20)))!;

    private static Headers TraceParent(ActivityTraceId trace, ActivitySpanId span) => new() { { "traceparent", Encoding.UTF8.GetBytes($"00-{trace}-{span}-01") } };

    private static string? Tag(IReadOnlyDictionary<string, object?> tags, string name) => tags.TryGetValue(name, out var value) ? value as string : null;

    private static byte[] Data(string suffix, int ind) => JsonSerializer.SerializeToUtf8Bytes(suffix switch
    {
        "pin" => $$"""{"index": {{ind}}, "unique_id": "u", "title": "t", "description": "d", "poster_name": "p", "follower_count": "1k", "tag_list": "a", "is_image_or_video": "image", "image_src": "s", "downloaded": 1, "save_location": "l", "category": "art"}""",
        "geo" => $$"""{"ind": {{ind}}, "timestamp": "2020-08-28T03:52:47", "latitude": 1.5, "longitude": 2.5, "country": "Chad"}""",
        _ => $$"""{"ind": {{ind}}, "first_name": "A", "last_name": "B", "age": 20, "date_joined": "2015-10-24T11:23:51"}""",
    });
}
