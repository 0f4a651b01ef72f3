using System.Text.Json.Serialization;

namespace PinterestPipeline.Analytics.Web;

/// <summary>The body of every error answer: what was wrong, and for a 409 the run that is in the way.</summary>
public sealed record ErrorResponse(string Error, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? RunningRunId = null);

/// <summary><c>GET /api/batch</c>: the schedule and what the job is doing.</summary>
public sealed record BatchStatus(string Schedule, DateTimeOffset? NextRunAt, long? RunningRunId, DateTimeOffset? RetryAt, long? LatestSucceededRunId);

/// <summary><c>GET /api/batch/queries</c>: a question, its output columns and its SQL.</summary>
public sealed record QueryDescription(string Id, string Question, IReadOnlyList<string> Columns, string Sql);
