using System.Diagnostics.Metrics;
using PinterestPipeline.Analytics.Batch;

namespace PinterestPipeline.Analytics.Telemetry;

/// <summary>The batch job's instruments on the pipeline meter.</summary>
public sealed class AnalyticsMetrics
{
    private readonly Counter<long> runs;
    private readonly Counter<long> objectsRead;
    private readonly Counter<long> recordsRead;
    private readonly Counter<long> recordsRejected;
    private readonly Histogram<double> loadRate;
    private readonly Histogram<double> runDuration;

    public AnalyticsMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(PipelineTelemetry.MeterName);
        runs = meter.CreateCounter<long>("analytics.batch.runs", "{run}", "Batch runs that ended, by status.");
        objectsRead = meter.CreateCounter<long>("analytics.batch.objects.read", "{object}", "Bucket objects loaded by batch runs.");
        recordsRead = meter.CreateCounter<long>("analytics.batch.records.read", "{record}", "Records read from bucket objects by batch runs.");
        recordsRejected = meter.CreateCounter<long>("analytics.batch.records.rejected", "{record}", "Records kept aside in batch_rejected (not JSON, not an object, a missing column).");
        loadRate = meter.CreateHistogram<double>("analytics.batch.load.rate", "{object}/s", "Objects loaded per second, one measurement per run that loaded any.");
        runDuration = meter.CreateHistogram<double>("analytics.batch.run.duration", "s", "Duration of batch runs, by status.");
    }

    internal void Loaded(int objects, long records, long rejected)
    {
        objectsRead.Add(objects);
        recordsRead.Add(records);
        recordsRejected.Add(rejected);
    }

    internal void RunEnded(BatchRunStatus status, TimeSpan duration, long objects, TimeSpan loadTime)
    {
        var tag = new KeyValuePair<string, object?>("analytics.batch.status", status.ToString());
        runs.Add(1, tag);
        runDuration.Record(duration.TotalSeconds, tag);
        if (objects > 0 && loadTime > TimeSpan.Zero)
        {
            loadRate.Record(objects / loadTime.TotalSeconds);
        }
    }
}
