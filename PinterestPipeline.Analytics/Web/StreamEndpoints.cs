using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PinterestPipeline.Analytics.StreamProcessing;

namespace PinterestPipeline.Analytics.Web;

/// <summary>The stream tables' JSON API under <c>/api/streams</c>: the live summary and paging through a table in commit order.</summary>
internal static class StreamEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const int LastRows = 5;

    public static IEndpointRouteBuilder MapStreamsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/streams");
        api.MapGet("", GetStreamsAsync);
        api.MapGet("/{table}/rows", GetRowsAsync);
        return app;
    }

    private static async Task<Ok<StreamsResponse>> GetStreamsAsync(
        StreamJob job, StreamJobStatus status, StreamTableReader reader, IOptions<AnalyticsOptions> options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var settings = options.Value.Streams;
        var summaries = await reader.SummarizeAsync(job.Tables, LastRows, timeProvider.GetUtcNow(), cancellationToken);
        var shards = status.Shards;
        var tables = job.Tables.Select((table, i) =>
        {
            var tableShards = shards.Where(s => s.Stream == table.Stream).OrderBy(s => s.Partition).ToList();
            var summary = summaries[i];
            return new StreamTableResponse(
                table.Name,
                table.Stream,
                summary.Rows,
                summary.RowsLastMinute,
                summary.Rejected,
                tableShards.Count > 0 && tableShards.All(s => s.Lag is not null) ? tableShards.Sum(s => s.Lag!.Value) : null,
                tableShards.Max(s => s.LastCommitAt),
                summary.Columns,
                Parse(summary.LastRowsJson),
                [.. tableShards.Select(s => new StreamShardResponse(s.ShardId, s.Committed, s.HighWatermark < 0 ? null : s.HighWatermark, s.Lag, s.LastCommitAt))]);
        }).ToList();
        return TypedResults.Ok(new StreamsResponse(
            settings.Enabled == true, status.State, status.Error, status.RetryAt, settings.MaxBatchRecords, settings.MaxBatchWait.TotalMilliseconds, tables));
    }

    private static async Task<Results<Ok<StreamRowsResponse>, NotFound<ErrorResponse>, BadRequest<ErrorResponse>>> GetRowsAsync(
        string table, string? offset, string? limit, StreamJob job, StreamTableReader reader, CancellationToken cancellationToken)
    {
        if (job.Tables.FirstOrDefault(t => string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase)) is not { } streamTable)
        {
            return TypedResults.NotFound(new ErrorResponse($"There is no stream table '{table}'; the stream tables are {string.Join(", ", job.Tables.Select(t => t.Name))}."));
        }

        var from = 0L;
        if (offset is not null && !(long.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out from)))
        {
            return TypedResults.BadRequest(new ErrorResponse($"offset must be a whole number from 0 (the first row in commit order); it is '{offset}'."));
        }

        var count = DefaultLimit;
        if (limit is not null && !(int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count is >= 1 and <= MaxLimit))
        {
            return TypedResults.BadRequest(new ErrorResponse($"limit must be a whole number from 1 to {MaxLimit}; it is '{limit}'."));
        }

        var page = await reader.PageAsync(streamTable, from, count, cancellationToken);
        return TypedResults.Ok(new StreamRowsResponse(streamTable.Name, from, count, page.Total, page.Columns, Parse(page.RowsJson)));
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
