using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PinterestPipeline.RestProxy.Telemetry;

/// <summary>The proxy's instruments, on the pipeline's meter.</summary>
public sealed class RestProxyMetrics
{
    public const string RequestsName = "restproxy.requests";
    public const string RecordsProducedName = "restproxy.records.produced";
    public const string RecordsFailedName = "restproxy.records.failed";
    public const string ProduceDurationName = "restproxy.produce.duration";
    public const string RecordsReplayedName = "restproxy.records.replayed";

    private readonly Counter<long> requests;
    private readonly Counter<long> recordsProduced;
    private readonly Counter<long> recordsFailed;
    private readonly Counter<long> recordsReplayed;
    private readonly Histogram<double> produceDuration;

    public RestProxyMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(PipelineTelemetry.MeterName);
        requests = meter.CreateCounter<long>(RequestsName, "{request}", "REST Proxy API requests by HTTP status code.");
        recordsProduced = meter.CreateCounter<long>(RecordsProducedName, "{record}", "Records the broker acknowledged, per topic.");
        recordsFailed = meter.CreateCounter<long>(RecordsFailedName, "{record}", "Records answered with an error code, per topic.");
        recordsReplayed = meter.CreateCounter<long>(RecordsReplayedName, "{record}", "Records of a repeated Idempotency-Key answered with their first offsets instead of being produced again, per topic.");
        produceDuration = meter.CreateHistogram<double>(
            ProduceDurationName,
            "s",
            "Time from receiving a produce request's records to the broker's last acknowledgement.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public void RequestCompleted(int statusCode) =>
        requests.Add(1, new KeyValuePair<string, object?>("http.response.status_code", statusCode));

    public void RecordsProduced(string topic, int count) =>
        recordsProduced.Add(count, new KeyValuePair<string, object?>("messaging.destination.name", topic));

    public void RecordsFailed(string topic, int errorCode, int count) =>
        recordsFailed.Add(count, new("messaging.destination.name", topic), new("error_code", errorCode));

    public void RecordsReplayed(string topic, int count) =>
        recordsReplayed.Add(count, new KeyValuePair<string, object?>("messaging.destination.name", topic));

    public void ProduceCompleted(string topic, TimeSpan elapsed) =>
        produceDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("messaging.destination.name", topic));
}
