using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PinterestPipeline.Emitter.Configuration;
using PinterestPipeline.Emitter.Worker;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PinterestPipeline.Emitter.Posting;

/// <summary>
/// Sends one record to the proxy (or API Gateway) in the <see cref="IPostTarget"/>'s format. Retries live here, not in
/// the HttpClient pipeline (whose standard handler is removed for this client): a retriable failure can be a 200 whose
/// body carries a record error (a produce error 5000x, a Kinesis throttle), which only a retry that sees the parsed
/// answer can catch.
/// </summary>
public sealed class RestProxyClient
{
    public const string HttpClientName = "restproxy";

    /// <summary>The header that makes a retried request safe: the proxy answers a repeated key with the first offsets.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly ResiliencePropertyKey<string> DestinationKey = new("pipeline.destination");
    private static readonly ResiliencePropertyKey<long> StartedKey = new("pipeline.started");

    private readonly IHttpClientFactory httpClientFactory;
    private readonly IPostTarget target;
    private readonly EmitterStats stats;
    private readonly ILogger<RestProxyClient> logger;
    private readonly KeyValuePair<string, string>[] headers;
    private readonly ResiliencePipeline<PostAttempt> pipeline;

    /// <summary>Per destination (three of them): its URI and span name, built once instead of on every request.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Uri Uri, string SpanName)> destinations = new(StringComparer.Ordinal);

    public RestProxyClient(IHttpClientFactory httpClientFactory, IPostTarget target, IOptions<EmitterOptions> options, EmitterStats stats, TimeProvider timeProvider, ILogger<RestProxyClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.httpClientFactory = httpClientFactory;
        this.target = target;
        this.stats = stats;
        this.logger = logger;
        var settings = options.Value;
        headers = [.. settings.Headers];
        pipeline = BuildPipeline(settings.Retry, timeProvider);
    }

    /// <summary>Sends <paramref name="body"/> with retries; throws only when <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="destination">The topic or stream.</param>
    /// <param name="body">The request body.</param>
    /// <param name="idempotencyKey">Sent as <c>Idempotency-Key</c> on every attempt of this request, when not null.</param>
    /// <param name="cancellationToken">Stops the request and its retries.</param>
    public async Task<PostResult> PostAsync(string destination, ReadOnlyMemory<byte> body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var (uri, spanName) = destinations.GetOrAdd(destination, static (d, t) => (t.UriFor(d), $"{t.Method.Method} {d}"), target);
        using var activity = PipelineTelemetry.ActivitySource.StartActivity(spanName);
        activity?.SetTag("messaging.destination.name", destination);
        var started = Stopwatch.GetTimestamp();

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(DestinationKey, destination);
        context.Properties.Set(StartedKey, started);
        var state = new AttemptState(this, uri, body, idempotencyKey);
        Outcome<PostAttempt> outcome;
        try
        {
            outcome = await pipeline.ExecuteOutcomeAsync(
                static async (ctx, s) =>
                {
                    s.Attempts++;
                    return await s.Client.SendOnceAsync(s.Uri, s.Body, s.IdempotencyKey, ctx.CancellationToken);
                },
                context,
                state);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (outcome.Exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The request was cancelled.", outcome.Exception, cancellationToken);
        }

        var result = ToResult(destination, outcome, state.Attempts);
        stats.PostCompleted(destination, result.Outcome, Stopwatch.GetElapsedTime(started));
        Report(result, activity);
        return result;
    }

    private static PostResult ToResult(string destination, Outcome<PostAttempt> outcome, int attempts) => outcome switch
    {
        { Exception: { } error } => new PostResult(destination, PostOutcome.Failed, null, attempts, error.Message, null),
        { Result: { Kind: PostAttemptKind.Ok } ok } => new PostResult(destination, PostOutcome.Ok, ok.StatusCode, attempts, null, ok.Position),
        { Result: { Kind: PostAttemptKind.Rejected } rejected } => new PostResult(destination, PostOutcome.Rejected, rejected.StatusCode, attempts, rejected.Detail, null),
        { Result: { } retryable } => new PostResult(destination, PostOutcome.Failed, retryable.StatusCode, attempts, retryable.Detail, null),
        _ => new PostResult(destination, PostOutcome.Failed, null, attempts, "no result", null),
    };

    private void Report(PostResult result, Activity? activity)
    {
        activity?.SetTag("http.response.status_code", result.StatusCode);
        activity?.SetTag("pipeline.attempts", result.Attempts);
        activity?.SetTag("pipeline.outcome", result.Outcome.ToString());
        if (result.Position is { } position)
        {
            // The partition (or shard) and the offset (or sequence number) the proxy answered with.
            activity?.SetTag("messaging.destination.partition.id", position.PartitionId);
            activity?.SetTag("messaging.message.id", position.Id);
        }

        switch (result.Outcome)
        {
            case PostOutcome.Rejected:
                activity?.SetStatus(ActivityStatusCode.Error, result.Detail);
                EmitterLog.PostRejected(logger, target.Method.Method, result.Destination, result.Reason);
                break;
            case PostOutcome.Failed:
                activity?.SetStatus(ActivityStatusCode.Error, result.Detail);
                EmitterLog.PostFailed(logger, target.Method.Method, result.Destination, result.Attempts, result.Reason);
                break;
        }
    }

    private async ValueTask<Outcome<PostAttempt>> SendOnceAsync(Uri uri, ReadOnlyMemory<byte> body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(target.Method, uri) { Content = new ReadOnlyMemoryContent(body) };
            request.Content.Headers.ContentType = target.ContentType;
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            if (idempotencyKey is not null)
            {
                request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);
            }

            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return Outcome.FromResult(target.Classify(response.StatusCode, text));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            // Returned, not thrown: the timeout strategy turns its own cancellation into TimeoutRejectedException.
            return Outcome.FromException<PostAttempt>(ex);
        }
    }

    private ResiliencePipeline<PostAttempt> BuildPipeline(EmitterRetryOptions retry, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<PostAttempt> { TimeProvider = timeProvider };
        if (retry.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<PostAttempt>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException or IOException } => WithinBudget(args.Context, retry.Budget),
                    { Result.Kind: PostAttemptKind.Retryable } => WithinBudget(args.Context, retry.Budget),
                    _ => false,
                }),
                MaxRetryAttempts = retry.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxBackoff,
                OnRetry = args =>
                {
                    var destination = args.Context.Properties.GetValue(DestinationKey, string.Empty);
                    stats.PostRetried(destination);
                    EmitterLog.PostRetry(logger, target.Method.Method, destination, args.AttemptNumber + 1, args.RetryDelay,
                        PostResult.Describe(args.Outcome.Result?.StatusCode, args.Outcome.Exception?.Message ?? args.Outcome.Result?.Detail));
                    return default;
                },
            });
        }

        return builder.AddTimeout(retry.AttemptTimeout).Build();
    }

    /// <summary>A request is retried until <see cref="EmitterRetryOptions.Budget"/> has passed since its first attempt.</summary>
    private static bool WithinBudget(ResilienceContext context, TimeSpan budget) =>
        Stopwatch.GetElapsedTime(context.Properties.GetValue(StartedKey, Stopwatch.GetTimestamp())) < budget;

    private sealed class AttemptState(RestProxyClient client, Uri uri, ReadOnlyMemory<byte> body, string? idempotencyKey)
    {
        public RestProxyClient Client { get; } = client;

        public Uri Uri { get; } = uri;

        public ReadOnlyMemory<byte> Body { get; } = body;

        public string? IdempotencyKey { get; } = idempotencyKey;

        public int Attempts { get; set; }
    }
}
