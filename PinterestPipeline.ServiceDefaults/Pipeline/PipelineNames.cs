using PinterestPipeline.ServiceDefaults.Streams;

namespace PinterestPipeline.ServiceDefaults.Pipeline;

/// <summary>
/// The names every service agrees on: the topic prefix setting, the batch topics <c>&lt;prefix&gt;.pin</c>,
/// <c>.geo</c>, <c>.user</c>, and the streams <c>streaming-&lt;prefix&gt;-pin</c>, <c>-geo</c>, <c>-user</c>
/// (Kinesis streams, which are Kafka topics of the same name here).
/// </summary>
public static class PipelineNames
{
    /// <summary>The setting every service reads the topic prefix from (the course's user id, e.g. <c>0ab336d6fcf7</c>).</summary>
    public const string TopicPrefixKey = "Pipeline:TopicPrefix";

    /// <summary><see cref="TopicPrefixKey"/> as an environment variable.</summary>
    public const string TopicPrefixEnvironmentVariable = "Pipeline__TopicPrefix";

    public const string Pin = "pin";
    public const string Geo = "geo";
    public const string User = "user";

    /// <summary>In the order the original posted them.</summary>
    public static IReadOnlyList<string> Suffixes { get; } = [Pin, Geo, User];

    public const string TopicsDescription = "<prefix>.pin, <prefix>.geo and <prefix>.user";

    public const string StreamsDescription = "streaming-<prefix>-pin, streaming-<prefix>-geo and streaming-<prefix>-user";

    public static string Topic(string prefix, string suffix) => $"{prefix}.{suffix}";

    public static string Stream(string prefix, string suffix) => $"{StreamName.DefaultTopicPrefix}{prefix}-{suffix}";

    /// <summary>Kafka's 249 characters less the longest suffix, <c>.user</c>.</summary>
    public static int MaxTopicPrefixLength { get; } = TopicName.MaxLength - Topic("", User).Length;

    /// <summary>Kinesis's 128 characters less <c>streaming-</c> and <c>-user</c>.</summary>
    public static int MaxStreamPrefixLength { get; } = StreamName.MaxLength - Stream("", User).Length;

    /// <summary>A prefix whose three topics are names Kafka allows.</summary>
    public static bool IsValidTopicPrefix(string? prefix) =>
        !string.IsNullOrEmpty(prefix) && TopicName.IsValid(Topic(prefix, User));

    /// <summary>A prefix whose topics are valid and whose longest stream name is one Kinesis allows.</summary>
    public static bool IsValidStreamPrefix(string? prefix) =>
        IsValidTopicPrefix(prefix) && StreamName.IsValid(Stream(prefix!, User));
}
