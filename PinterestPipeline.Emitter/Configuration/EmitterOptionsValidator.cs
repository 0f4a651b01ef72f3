using Microsoft.Extensions.Options;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Emitter.Configuration;

/// <summary>
/// Rejects settings the emitter cannot run with: the ranges annotated on <see cref="EmitterOptions"/> and
/// <see cref="EmitterRetryOptions"/>, and here the rules an attribute cannot say (a URL, enums, the topic prefix, a pair
/// of settings, the headers). Every message starts with the setting's configuration key.
/// </summary>
public sealed class EmitterOptionsValidator : IValidateOptions<EmitterOptions>
{
    private const string Section = EmitterOptions.SectionName;

    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Host", "Transfer-Encoding",
    };

    public ValidateOptionsResult Validate(string? name, EmitterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        SettingsValidation.AddAnnotationFailures(options, Section, failures);

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

        if (!Enum.IsDefined(options.RowLookup))
        {
            failures.Add($"{Section}:RowLookup must be Offset or KeyIndex.");
        }

        if (options.MaxDelay < options.MinDelay)
        {
            failures.Add($"{Section}:MaxDelay ({options.MaxDelay}) must not be less than {Section}:MinDelay ({options.MinDelay}).");
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

        SettingsValidation.AddAnnotationFailures(retry, $"{Section}:Retry", failures);

        if (retry.MaxBackoff < retry.BaseDelay)
        {
            failures.Add($"{Section}:Retry:MaxBackoff ({retry.MaxBackoff}) must not be less than {Section}:Retry:BaseDelay ({retry.BaseDelay}).");
        }
    }

    private static bool IsToken(string header) =>
        header.Length > 0 && header.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
