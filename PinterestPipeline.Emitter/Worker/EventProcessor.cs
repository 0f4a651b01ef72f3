using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PinterestPipeline.Emitter.Configuration;
using PinterestPipeline.Emitter.Planning;
using PinterestPipeline.Emitter.Posting;
using PinterestPipeline.Emitter.Source;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Emitter.Worker;

/// <summary>
/// One event: read the three rows at the offset, then send them pin → geo → user, as the original did: a POST per topic
/// or a PUT per stream, whichever the <see cref="IPostTarget"/> is.
/// </summary>
public sealed class EventProcessor
{
    private readonly SourceRowReader reader;
    private readonly RestProxyClient client;
    private readonly IPostTarget target;
    private readonly DryRunOutput dryRunOutput;
    private readonly EmitterStats stats;
    private readonly ILogger<EventProcessor> logger;
    private readonly bool dryRun;
    private readonly Dictionary<SourceTable, string> destinations;

    /// <summary>Makes the requests' idempotency keys unique across runs: 64 random bits per process.</summary>
    private readonly string runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public EventProcessor(SourceRowReader reader, RestProxyClient client, IPostTarget target, DryRunOutput dryRunOutput, EmitterStats stats, IOptions<EmitterOptions> options, ILogger<EventProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(target);
        this.reader = reader;
        this.client = client;
        this.target = target;
        this.dryRunOutput = dryRunOutput;
        this.stats = stats;
        this.logger = logger;
        dryRun = options.Value.DryRun;
        destinations = SourceTable.All.ToDictionary(t => t, target.DestinationFor);
    }

    /// <summary>Emits <paramref name="planned"/>; the token is honoured only between steps and in backoff waits.</summary>
    public async Task ProcessAsync(PlannedEvent planned, CancellationToken cancellationToken)
    {
        // One trace per event: the worker loop has no ambient activity, so this is a root span.
        using var activity = PipelineTelemetry.ActivitySource.StartActivity("emit event");
        activity?.SetTag("pipeline.sequence", planned.Sequence);
        activity?.SetTag("pipeline.offset", planned.Offset);
        var started = Stopwatch.GetTimestamp();

        var rows = await reader.ReadAsync(planned.Offset, cancellationToken);
        if (!rows.IsComplete)
        {
            var tables = string.Join(", ", rows.MissingIn.Select(t => t.Name));
            stats.EventSkipped($"no row at the offset in {tables}");
            activity?.SetTag("pipeline.outcome", "skipped");
            EmitterLog.OffsetSkipped(logger, planned.Sequence, planned.Offset, tables);
            return;
        }

        var statuses = new string[rows.Rows.Count];
        PostResult? firstFailed = null;
        PostResult? firstRejected = null;
        for (var i = 0; i < rows.Rows.Count; i++)
        {
            var row = rows.Rows[i];
            var destination = destinations[row.Table];
            var body = target.Body(row, destination);
            if (dryRun)
            {
                dryRunOutput.Write(target.Method, target.UriFor(destination), body);
                statuses[i] = "dry-run";
                continue;
            }

            // The same on every retry of this request, and unique across requests and runs.
            var idempotencyKey = string.Create(CultureInfo.InvariantCulture, $"{runId}-{planned.Sequence}-{row.Table.TopicSuffix}");
            var result = await client.PostAsync(destination, body, idempotencyKey, cancellationToken);
            if (result.Outcome == PostOutcome.Failed)
            {
                firstFailed ??= result;
            }
            else if (result.Outcome == PostOutcome.Rejected)
            {
                firstRejected ??= result;
            }

            statuses[i] = Describe(result);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var allOk = firstFailed is null && firstRejected is null;
        var end = firstFailed is not null ? EventEnd.Failed : firstRejected is not null ? EventEnd.Rejected : EventEnd.Delivered;
        stats.EventCompleted(end, (firstFailed ?? firstRejected)?.Reason, elapsed);
        activity?.SetTag("pipeline.outcome", allOk ? "ok" : "incomplete");
        if (allOk)
        {
            EmitterLog.EventEmitted(logger, planned.Sequence, planned.Offset, statuses[0], statuses[1], statuses[2], elapsed.TotalMilliseconds);
        }
        else
        {
            activity?.SetStatus(ActivityStatusCode.Error, "A request was rejected or failed.");
            EmitterLog.EventIncomplete(logger, planned.Sequence, planned.Offset, statuses[0], statuses[1], statuses[2], elapsed.TotalMilliseconds);
        }
    }

    private static string Describe(PostResult result)
    {
        var status = result.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no response";
        return result.Outcome switch
        {
            PostOutcome.Ok when result.Position is { } position => $"{status} {position}",
            PostOutcome.Ok => status,
            PostOutcome.Rejected => $"{status} rejected",
            _ => $"{status} failed after {result.Attempts} attempts",
        };
    }
}
