using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Sink.Configuration;

/// <summary>
/// Checks the <c>Sink</c> section at start, so a bad setting stops the service with a message that names it: the
/// ranges annotated on <see cref="SinkOptions"/>, and here the rules an attribute cannot say.
/// </summary>
public sealed class SinkOptionsValidator : IValidateOptions<SinkOptions>
{
    public ValidateOptionsResult Validate(string? name, SinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.ConnectorName))
        {
            failures.Add("Sink:ConnectorName must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.TopicsRegex))
        {
            failures.Add($"Set Sink:TopicsRegex (e.g. ^0ab336d6fcf7\\..*$) or {PipelineNames.TopicPrefixKey} (the topics are {PipelineNames.TopicsDescription}).");
        }
        else if (!IsRegex(options.TopicsRegex))
        {
            failures.Add($"Sink:TopicsRegex '{options.TopicsRegex}' is not a valid regular expression.");
        }

        SettingsValidation.AddAnnotationFailures(options, SinkOptions.SectionName, failures);

        CheckFolder(failures, "Sink:TopicsDir", options.TopicsDir);
        CheckFolder(failures, "Sink:DeadLetterDir", options.DeadLetterDir);

        options.Validate(SinkOptions.SectionName, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckFolder(List<string> failures, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.StartsWith('/') || value.EndsWith('/') || value.Split('/').Any(s => s is "" or "." or ".."))
        {
            failures.Add($"{key} must be a relative folder such as 'topics' (no leading or trailing '/', no '.' or '..'); it is '{value}'.");
        }
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
