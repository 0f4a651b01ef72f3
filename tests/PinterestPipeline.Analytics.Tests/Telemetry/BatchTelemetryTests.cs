using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using PinterestPipeline.Analytics.Tests.Infrastructure;

namespace PinterestPipeline.Analytics.Tests.Telemetry;

/// <summary>A trace per run with spans for load, read, clean, write and each query; the run's metrics.</summary>
public sealed class BatchTelemetryTests
{
    [Fact]
    public async Task A_run_is_one_trace_with_load_clean_and_query_spans_and_its_metrics()
    {
        using var bucket = new TestBucket();
        for (var i = 0; i < 5; i++)
        {
            bucket.WriteEvent(SourceEvent.At(SeededRun.Seeded, i));
        }

        bucket.Write("pin", "not json");
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PipelineTelemetry.ActivitySourceName,
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var app = new AnalyticsApp(bucket);
        using var client = app.CreateClient();
        var meterFactory = app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var runs = new MetricCollector<long>(meterFactory, PipelineTelemetry.MeterName, "analytics.batch.runs");
        using var objects = new MetricCollector<long>(meterFactory, PipelineTelemetry.MeterName, "analytics.batch.objects.read");
        using var rejected = new MetricCollector<long>(meterFactory, PipelineTelemetry.MeterName, "analytics.batch.records.rejected");
        using var rate = new MetricCollector<double>(meterFactory, PipelineTelemetry.MeterName, "analytics.batch.load.rate");

        await app.RunAsync();
        await WaitForAsync(() => spans.Any(s => s.OperationName == "batch run" && Equals(s.GetTagItem("analytics.batch.bucket"), bucket.BucketPath)));

        var run = spans.Single(s => s.OperationName == "batch run" && Equals(s.GetTagItem("analytics.batch.bucket"), bucket.BucketPath));
        var trace = spans.Where(s => s.TraceId == run.TraceId).ToList();
        Assert.Null(run.Parent);
        Assert.Equal(ActivityStatusCode.Ok, run.Status);
        // Started by the POST: a link to the request's span, not a child of it.
        Assert.Single(run.Links);
        var load = Assert.Single(trace, s => s.OperationName == "batch load");
        Assert.Equal(run.SpanId, load.ParentSpanId);
        Assert.Equal(16L, load.GetTagItem("analytics.batch.records"));
        Assert.All(new[] { "batch read", "batch clean", "batch write" }, name => Assert.Equal(load.SpanId, Assert.Single(trace, s => s.OperationName == name).ParentSpanId));
        Assert.Equal(
            new[] { "1", "2", "3a", "3b", "4", "5", "6", "7", "8" }.Select(id => $"batch query {id}"),
            trace.Where(s => s.ParentSpanId == run.SpanId && s.OperationName.StartsWith("batch query", StringComparison.Ordinal)).OrderBy(s => s.StartTimeUtc).Select(s => s.OperationName));

        Assert.Equal(1, runs.GetMeasurementSnapshot().Single().Value);
        Assert.Equal("Succeeded", runs.LastMeasurement!.Tags["analytics.batch.status"]);
        Assert.Equal(16, objects.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(1, rejected.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.True(rate.LastMeasurement!.Value > 0);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var tries = 0; !condition() && tries < 200; tries++)
        {
            await Task.Delay(20);
        }
    }
}
