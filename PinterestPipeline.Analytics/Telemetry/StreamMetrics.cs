using System.Diagnostics.Metrics;
using PinterestPipeline.Analytics.StreamProcessing;

namespace PinterestPipeline.Analytics.Telemetry;

/// <summary>The stream job's instruments on the pipeline meter: rows and rejections per second, lag, latency, batches.</summary>
public sealed class StreamMetrics
{
    private const string TableTag = "analytics.streams.table";
    private const string StreamTag = "analytics.streams.stream";

    private readonly Counter<long> rows;
    private readonly Counter<long> rejected;
    private readonly Histogram<double> latency;
    private readonly Histogram<double> commitDuration;
    private readonly Histogram<long> batchRecords;

    public StreamMetrics(IMeterFactory meterFactory, StreamJobStatus status)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(status);
        var meter = meterFactory.Create(PipelineTelemetry.MeterName);
        rows = meter.CreateCounter<long>("analytics.streams.rows", "{row}", "Rows committed to the stream tables, by table.");
        rejected = meter.CreateCounter<long>("analytics.streams.records.rejected", "{record}", "Stream records that could not be decoded or parsed (kept in stream_rejected), by stream.");
        latency = meter.CreateHistogram<double>("analytics.streams.latency", "s", "From a record's arrival at the stream to the commit of its row.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5, 10, 30, 60] });
        commitDuration = meter.CreateHistogram<double>("analytics.streams.commit.duration", "s", "Time to write and commit one micro-batch.");
        batchRecords = meter.CreateHistogram<long>("analytics.streams.batch.records", "{record}", "Records per committed micro-batch.");
        meter.CreateObservableGauge("analytics.streams.lag", () => Lag(status), "{record}", "Records of each shard not yet in the warehouse.");
    }

    internal void Committed(StreamBatch batch, DateTimeOffset at, TimeSpan duration)
    {
        var now = at.UtcDateTime;
        foreach (var (table, tableRows) in batch.Rows)
        {
            if (tableRows.Count == 0)
            {
                continue;
            }

            rows.Add(tableRows.Count, new KeyValuePair<string, object?>(TableTag, table.Name));
            foreach (var row in tableRows)
            {
                latency.Record(Math.Max(0, (now - row.ArrivalTime).TotalSeconds));
            }
        }

        foreach (var group in batch.Rejected.GroupBy(r => r.Shard.Table.Stream))
        {
            rejected.Add(group.Count(), new KeyValuePair<string, object?>(StreamTag, group.Key));
        }

        commitDuration.Record(duration.TotalSeconds);
        batchRecords.Record(batch.Records);
    }

    private static IEnumerable<Measurement<long>> Lag(StreamJobStatus status) =>
        status.Shards.Where(s => s.Lag is not null).Select(s => new Measurement<long>(
            s.Lag!.Value, new KeyValuePair<string, object?>(StreamTag, s.Stream), new KeyValuePair<string, object?>("analytics.streams.shard", s.ShardId)));
}
