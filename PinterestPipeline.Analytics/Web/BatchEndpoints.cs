using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PinterestPipeline.Analytics.Batch;
using PinterestPipeline.Analytics.Queries;

namespace PinterestPipeline.Analytics.Web;

/// <summary>
/// The JSON API of the batch job under <c>/api/batch</c>: start a run, the run history, a run with its answers, and
/// each question's answer of the latest succeeded run (or of a given run) as JSON rows or, with <c>Accept: text/csv</c>
/// (or <c>?format=csv</c>), as CSV.
/// </summary>
internal static class BatchEndpoints
{
    public const string CsvMediaType = "text/csv";

    public static IEndpointRouteBuilder MapBatchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/batch");
        api.MapGet("", GetStatusAsync);
        api.MapGet("/queries", GetQueries);
        api.MapPost("/runs", StartRunAsync);
        api.MapGet("/runs", ListRunsAsync);
        api.MapGet("/runs/latest", GetLatestRunAsync);
        api.MapGet("/runs/{id:long}", GetRunAsync);
        api.MapGet("/runs/latest/queries/{queryId}", GetLatestAnswerAsync);
        api.MapGet("/runs/{id:long}/queries/{queryId}", GetAnswerAsync);
        return app;
    }

    private static async Task<Ok<BatchStatus>> GetStatusAsync(
        BatchRunner runner, BatchScheduler scheduler, BatchRunStore store, IOptions<AnalyticsOptions> options, CancellationToken cancellationToken) =>
        TypedResults.Ok(new BatchStatus(
            options.Value.Batch.Schedule, scheduler.NextRunAt, runner.RunningRunId, runner.RetryAt, await store.LatestSucceededAsync(cancellationToken)));

    private static Ok<IReadOnlyList<QueryDescription>> GetQueries() =>
        TypedResults.Ok<IReadOnlyList<QueryDescription>>([.. QueryCatalog.All.Select(q => new QueryDescription(q.Id, q.Question, q.Columns, q.Sql))]);

    private static async Task<Results<Accepted<BatchRun>, Conflict<ErrorResponse>>> StartRunAsync(BatchRunner runner, CancellationToken cancellationToken)
    {
        var result = await runner.StartRunAsync(BatchTrigger.Manual, cancellationToken);
        return result.Started is { } run
            ? TypedResults.Accepted($"/api/batch/runs/{run.Id.ToString(CultureInfo.InvariantCulture)}", run)
            : TypedResults.Conflict(new ErrorResponse($"Batch run {result.RunningRunId} is running; one run at a time. Ask again when it has ended.", result.RunningRunId));
    }

    private static async Task<Ok<IReadOnlyList<BatchRun>>> ListRunsAsync(BatchRunStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    private static async Task<Results<Ok<BatchRun>, NotFound<ErrorResponse>>> GetRunAsync(long id, BatchRunStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } run
            ? TypedResults.Ok(run)
            : TypedResults.NotFound(new ErrorResponse($"There is no batch run {id}."));

    private static async Task<Results<Ok<BatchRun>, NotFound<ErrorResponse>>> GetLatestRunAsync(BatchRunStore store, CancellationToken cancellationToken) =>
        await store.LatestSucceededAsync(cancellationToken) is { } id && await store.FindAsync(id, cancellationToken) is { } run
            ? TypedResults.Ok(run)
            : TypedResults.NotFound(NoSucceededRun);

    private static async Task<IResult> GetLatestAnswerAsync(string queryId, HttpRequest request, BatchRunStore store, CancellationToken cancellationToken) =>
        await store.LatestSucceededAsync(cancellationToken) is { } id
            ? await AnswerAsync(id, queryId, request, store, cancellationToken)
            : TypedResults.NotFound(NoSucceededRun);

    private static Task<IResult> GetAnswerAsync(long id, string queryId, HttpRequest request, BatchRunStore store, CancellationToken cancellationToken) =>
        AnswerAsync(id, queryId, request, store, cancellationToken);

    private static ErrorResponse NoSucceededRun => new("No batch run has succeeded yet: start one with POST /api/batch/runs, or wait for the one running.");

    private static async Task<IResult> AnswerAsync(long runId, string queryId, HttpRequest request, BatchRunStore store, CancellationToken cancellationToken)
    {
        if (QueryCatalog.Find(queryId) is not { } query)
        {
            return TypedResults.NotFound(new ErrorResponse($"There is no query '{queryId}'; the queries are {string.Join(", ", QueryCatalog.All.Select(q => q.Id))}."));
        }

        if (await store.FindAnswerAsync(runId, query.Id, cancellationToken) is not { } rows)
        {
            return TypedResults.NotFound(new ErrorResponse($"Batch run {runId} has no answer to query {query.Id}: it does not exist, or it did not succeed."));
        }

        return WantsCsv(request)
            ? TypedResults.Text(CsvAnswer.From(query.Columns, rows), $"{CsvMediaType}; charset=utf-8")
            : TypedResults.Text(rows, "application/json; charset=utf-8");
    }

    private static bool WantsCsv(HttpRequest request) =>
        string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase) ||
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals(CsvMediaType, StringComparison.OrdinalIgnoreCase));
}
