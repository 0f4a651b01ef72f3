using System.Text.RegularExpressions;
using PinterestPipeline.ServiceDefaults.Streams;

namespace PinterestPipeline.AppHost.Hosting.Pipeline;

/// <summary>
/// The pipeline's topics, <c>&lt;prefix&gt;.pin</c>, <c>&lt;prefix&gt;.geo</c>, <c>&lt;prefix&gt;.user</c>, and its streams
/// (Kinesis streams of the same name as Kafka topics), <c>streaming-&lt;prefix&gt;-pin</c>, <c>-geo</c>, <c>-user</c>.
/// </summary>
public static partial class PipelineTopics
{
    public const string PrefixParameterName = "topic-prefix";
    public const string PrefixEnvironmentVariable = "Pipeline__TopicPrefix";
    public const string PartitionsSettingName = "Pipeline:TopicPartitions";
    public const int DefaultPartitions = 1;

    public const string StreamPrefix = StreamName.DefaultTopicPrefix;

    /// <summary>Kinesis names streams with at most 128 characters, and <c>streaming-</c> and <c>-user</c> take 15.</summary>
    public static int MaxStreamPrefixLength { get; } = StreamName.MaxLength - StreamPrefix.Length - "-user".Length;

    public static IReadOnlyList<string> Suffixes { get; } = ["pin", "geo", "user"];

    /// <summary>Kafka's rule for topic names, less the suffix we append (".user" is the longest).</summary>
    public static bool IsValidPrefix(string? prefix) =>
        !string.IsNullOrEmpty(prefix) && prefix.Length <= 249 - ".user".Length && LegalTopicCharacters().IsMatch(prefix);

    /// <summary>A prefix whose topics are valid and whose longest stream name, <c>streaming-&lt;prefix&gt;-user</c>, is one Kinesis allows.</summary>
    public static bool IsValidStreamPrefix(string? prefix) => IsValidPrefix(prefix) && StreamName.IsValid($"{StreamPrefix}{prefix}-user");

    [GeneratedRegex("^[a-zA-Z0-9._-]+$")]
    private static partial Regex LegalTopicCharacters();
}
