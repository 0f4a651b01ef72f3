using System.Text.RegularExpressions;

namespace PinterestPipeline.AppHost.Hosting.Pipeline;

/// <summary>The pipeline's topics: <c>&lt;prefix&gt;.pin</c>, <c>&lt;prefix&gt;.geo</c>, <c>&lt;prefix&gt;.user</c>.</summary>
public static partial class PipelineTopics
{
    public const string PrefixParameterName = "topic-prefix";
    public const string PrefixEnvironmentVariable = "Pipeline__TopicPrefix";
    public const string PartitionsSettingName = "Pipeline:TopicPartitions";
    public const int DefaultPartitions = 1;

    public static IReadOnlyList<string> Suffixes { get; } = ["pin", "geo", "user"];

    /// <summary>Kafka's rule for topic names, less the suffix we append (".user" is the longest).</summary>
    public static bool IsValidPrefix(string? prefix) =>
        !string.IsNullOrEmpty(prefix) && prefix.Length <= 249 - ".user".Length && LegalTopicCharacters().IsMatch(prefix);

    [GeneratedRegex("^[a-zA-Z0-9._-]+$")]
    private static partial Regex LegalTopicCharacters();
}
