using Microsoft.Extensions.Options;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Emitter.Configuration;

/// <summary>Rejects settings the emitter cannot run with; every message starts with the setting's configuration key.</summary>
public sealed class EmitterOptionsValidator : IValidateOptions<EmitterOptions>
{
    private const int MaxConcurrency = 1024;
    private const string Section = EmitterOptions.SectionName;

    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Host", "Transfer-Encoding",
    };

    public ValidateOptionsResult Validate(string? name, EmitterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.ApiBaseUrl))
        {
            failures.Add($"{Section}:ApiBaseUrl is required: the REST proxy's base URL, e.g. http://restproxy under Aspire, " +
                "http://127.0.0.1:8082 for a local proxy, or an API Gateway invoke URL with its stage.");
        }
        else if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) ||
                 (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
                 !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            failures.Add($"{Section}:ApiBaseUrl '{options.ApiBaseUrl}' is not an absolute http or https URL without query or fragment.");
        }

        if (!Enum.IsDefined(options.Target))
        {
            failures.Add($"{Section}:Target must be Topics or Streams.");
        }

        if (!Enum.IsDefined(options.StreamData))
        {
            failures.Add($"{Section}:StreamData must be String or Object.");
        }

        ValidateTopicPrefix(options.TopicPrefix, options.Target, failures);

        if (options.MaxOffset < 0)
        {
            failures.Add($"{Section}:MaxOffset must be 0 or more (it was {options.MaxOffset}).");
        }

        if (!Enum.IsDefined(options.RowLookup))
        {
            failures.Add($"{Section}:RowLookup must be Offset or KeyIndex.");
        }

        if (options.KeyIndexRefreshInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:KeyIndexRefreshInterval must be positive (it was {options.KeyIndexRefreshInterval}).");
        }

        if (options.KeyIndexCheckInterval < TimeSpan.Zero)
        {
            failures.Add($"{Section}:KeyIndexCheckInterval must not be negative (it was {options.KeyIndexCheckInterval}).");
        }

        if (options.MinDelay < TimeSpan.Zero)
        {
            failures.Add($"{Section}:MinDelay must not be negative (it was {options.MinDelay}).");
        }

        if (options.MaxDelay < options.MinDelay)
        {
            failures.Add($"{Section}:MaxDelay ({options.MaxDelay}) must not be less than {Section}:MinDelay ({options.MinDelay}).");
        }

        if (options.Count < 0)
        {
            failures.Add($"{Section}:Count must be 0 (run forever) or a positive number of events (it was {options.Count}).");
        }

        if (options.Concurrency is < 1 or > MaxConcurrency)
        {
            failures.Add($"{Section}:Concurrency must be between 1 and {MaxConcurrency} (it was {options.Concurrency}).");
        }

        foreach (var (header, value) in options.Headers)
        {
            if (!IsToken(header) || ReservedHeaders.Contains(header))
            {
                failures.Add($"{Section}:Headers:{header} is not a header name the emitter may set (a token, not Content-Type, Content-Length, Host or Transfer-Encoding).");
            }
            else if (value is null || value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal))
            {
                // The value itself may be a secret (x-api-key), so it is not echoed.
                failures.Add($"{Section}:Headers:{header} has no value or a value with a line break.");
            }
        }

        if (options.SummaryInterval < TimeSpan.Zero)
        {
            failures.Add($"{Section}:SummaryInterval must not be negative (00:00:00 turns the summary off).");
        }

        if (options.DrainTimeout < TimeSpan.Zero)
        {
            failures.Add($"{Section}:DrainTimeout must not be negative.");
        }

        ValidateRetry(options.Retry, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateTopicPrefix(string? prefix, EmitterTarget target, List<string> failures)
    {
        var streams = target == EmitterTarget.Streams;
        var names = streams ? $"streams are {PipelineNames.StreamsDescription}" : $"topics are {PipelineNames.TopicsDescription}";
        if (string.IsNullOrWhiteSpace(prefix))
        {
            failures.Add($"{Section}:TopicPrefix (or {PipelineNames.TopicPrefixKey}) is required: {names}.");
            return;
        }

        var (valid, maxLength) = streams
            ? (PipelineNames.IsValidStreamPrefix(prefix), PipelineNames.MaxStreamPrefixLength)
            : (PipelineNames.IsValidTopicPrefix(prefix), PipelineNames.MaxTopicPrefixLength);
        if (!valid)
        {
            failures.Add($"{Section}:TopicPrefix '{prefix}' is not a legal {(streams ? "Kinesis stream" : "Kafka topic")} name prefix ({names}): " +
                $"use letters, digits, '.', '_' and '-', at most {maxLength} characters.");
        }
    }

    private static void ValidateRetry(EmitterRetryOptions retry, List<string> failures)
    {
        if (retry is null)
        {
            failures.Add($"{Section}:Retry must not be null.");
            return;
        }

        if (retry.MaxAttempts < 1)
        {
            failures.Add($"{Section}:Retry:MaxAttempts must be 1 or more (it was {retry.MaxAttempts}).");
        }

        if (retry.Budget <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:Retry:Budget must be positive, e.g. 00:05:00 (it was {retry.Budget}).");
        }

        if (retry.BaseDelay <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:Retry:BaseDelay must be positive (it was {retry.BaseDelay}).");
        }

        if (retry.MaxBackoff < retry.BaseDelay)
        {
            failures.Add($"{Section}:Retry:MaxBackoff ({retry.MaxBackoff}) must not be less than {Section}:Retry:BaseDelay ({retry.BaseDelay}).");
        }

        // Polly's timeout strategy accepts 10 ms .. 1 day.
        if (retry.AttemptTimeout < TimeSpan.FromMilliseconds(10) || retry.AttemptTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:Retry:AttemptTimeout must be between 00:00:00.010 and 1.00:00:00 (it was {retry.AttemptTimeout}).");
        }
    }

    private static bool IsToken(string header) =>
        header.Length > 0 && header.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
