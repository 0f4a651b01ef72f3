using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
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
/// Posts one record to <c>&lt;ApiBaseUrl&gt;/topics/&lt;topic&gt;</c> in the REST Proxy v2 JSON format. Retries live here,
/// not in the HttpClient pipeline (whose standard handler is removed for this client): a retriable failure can be a
/// 200 whose body carries a 5000x record error, which only a retry that sees the parsed answer can catch.
/// </summary>
public sealed class RestProxyClient
{
    public const string HttpClientName = "restproxy";
    public const string ContentType = "application/vnd.kafka.json.v2+json";

    private static readonly ResiliencePropertyKey<string> TopicKey = new("pipeline.topic");
    private static readonly MediaTypeHeaderValue ContentTypeHeader = new(ContentType);

    private readonly IHttpClientFactory httpClientFactory;
    private readonly EmitterStats stats;
    private readonly ILogger<RestProxyClient> logger;
    private readonly string baseUrl;
    private readonly KeyValuePair<string, string>[] headers;
    private readonly ResiliencePipeline<PostAttempt> pipeline;

    public RestProxyClient(IHttpClientFactory httpClientFactory, IOptions<EmitterOptions> options, EmitterStats stats, TimeProvider timeProvider, ILogger<RestProxyClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.httpClientFactory = httpClientFactory;
        this.stats = stats;
        this.logger = logger;
        var settings = options.Value;
        baseUrl = (settings.ApiBaseUrl ?? string.Empty).TrimEnd('/');
        headers = [.. settings.Headers];
        pipeline = BuildPipeline(settings.Retry, timeProvider);
    }

    /// <summary>The URL for <paramref name="topic"/>; a stage path in the base URL (API Gateway's <c>/test</c>) is kept.</summary>
    public Uri TopicUri(string topic) => new($"{baseUrl}/topics/{Uri.EscapeDataString(topic)}");

    /// <summary><c>{"records":[{"value":&lt;row&gt;}]}</c>, the body the original posted.</summary>
    public static byte[] RecordsBody(ReadOnlyMemory<byte> value)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Length + 32);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("records");
            writer.WriteStartObject();
            writer.WritePropertyName("value");
            writer.WriteRawValue(value.Span, skipInputValidation: true);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Posts <paramref name="body"/> with retries; throws only when <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task<PostResult> PostAsync(string topic, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var activity = PipelineTelemetry.ActivitySource.StartActivity($"POST {topic}");
        activity?.SetTag("messaging.destination.name", topic);
        var started = Stopwatch.GetTimestamp();

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(TopicKey, topic);
        var state = new AttemptState(this, TopicUri(topic), body);
        Outcome<PostAttempt> outcome;
        try
        {
            outcome = await pipeline.ExecuteOutcomeAsync(
                static async (ctx, s) =>
                {
                    s.Attempts++;
                    return await s.Client.SendOnceAsync(s.Uri, s.Body, ctx.CancellationToken);
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
            throw new OperationCanceledException("The POST was cancelled.", outcome.Exception, cancellationToken);
        }

        var result = ToResult(topic, outcome, state.Attempts);
        stats.PostCompleted(topic, result.Outcome, Stopwatch.GetElapsedTime(started));
        Report(result, activity);
        return result;
    }

    private static PostResult ToResult(string topic, Outcome<PostAttempt> outcome, int attempts) => outcome switch
    {
        { Exception: { } error } => new PostResult(topic, PostOutcome.Failed, null, attempts, error.Message),
        { Result: { Kind: PostAttemptKind.Ok } ok } => new PostResult(topic, PostOutcome.Ok, ok.StatusCode, attempts, null),
        { Result: { Kind: PostAttemptKind.Rejected } rejected } => new PostResult(topic, PostOutcome.Rejected, rejected.StatusCode, attempts, rejected.Detail),
        { Result: { } retryable } => new PostResult(topic, PostOutcome.Failed, retryable.StatusCode, attempts, retryable.Detail),
        _ => new PostResult(topic, PostOutcome.Failed, null, attempts, "no result"),
    };

    private void Report(PostResult result, Activity? activity)
    {
        activity?.SetTag("http.response.status_code", result.StatusCode);
        activity?.SetTag("pipeline.attempts", result.Attempts);
        activity?.SetTag("pipeline.outcome", result.Outcome.ToString());
        switch (result.Outcome)
        {
            case PostOutcome.Rejected:
                activity?.SetStatus(ActivityStatusCode.Error, result.Detail);
                EmitterLog.PostRejected(logger, result.Topic, result.StatusCode, result.Detail);
                break;
            case PostOutcome.Failed:
                activity?.SetStatus(ActivityStatusCode.Error, result.Detail);
                EmitterLog.PostFailed(logger, result.Topic, result.Attempts, result.StatusCode, result.Detail);
                break;
        }
    }

    private async ValueTask<Outcome<PostAttempt>> SendOnceAsync(Uri uri, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ReadOnlyMemoryContent(body) };
            request.Content.Headers.ContentType = ContentTypeHeader;
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return Outcome.FromResult(PostAttempt.Classify(response.StatusCode, text));
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
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
                    { Result.Kind: PostAttemptKind.Retryable } => true,
                    _ => false,
                }),
                MaxRetryAttempts = retry.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxBackoff,
                OnRetry = args =>
                {
                    var topic = args.Context.Properties.GetValue(TopicKey, string.Empty);
                    stats.PostRetried(topic);
                    EmitterLog.PostRetry(logger, topic, args.AttemptNumber + 1, args.RetryDelay,
                        args.Outcome.Result?.StatusCode, args.Outcome.Exception?.Message ?? args.Outcome.Result?.Detail);
                    return default;
                },
            });
        }

        return builder.AddTimeout(retry.AttemptTimeout).Build();
    }

    private sealed class AttemptState(RestProxyClient client, Uri uri, ReadOnlyMemory<byte> body)
    {
        public RestProxyClient Client { get; } = client;

        public Uri Uri { get; } = uri;

        public ReadOnlyMemory<byte> Body { get; } = body;

        public int Attempts { get; set; }
    }
}
