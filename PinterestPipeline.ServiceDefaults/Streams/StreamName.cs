namespace PinterestPipeline.ServiceDefaults.Streams;

/// <summary>
/// Which Kafka topics are Kinesis streams, and Kinesis's rule for stream names. A stream is the topic of
/// the same name; by default the topics whose names start with <see cref="DefaultTopicPrefix"/> are streams
/// (the course's <c>streaming-&lt;id&gt;-pin|geo|user</c>), so the batch topics <c>&lt;id&gt;.pin</c> are not.
/// </summary>
public static class StreamName
{
    public const string DefaultTopicPrefix = "streaming-";

    public const int MaxLength = 128;

    /// <summary>Kinesis's <c>StreamName</c> pattern, as its validation messages quote it.</summary>
    public const string Pattern = "[a-zA-Z0-9_.-]+";

    /// <summary>Kinesis's rule: 1 to 128 characters from <see cref="Pattern"/>.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && MatchesPattern(name);

    /// <summary>True when every character of <paramref name="name"/> is one <see cref="Pattern"/> allows (whatever the length).</summary>
    public static bool MatchesPattern(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        return name.Length > 0;
    }

    /// <summary>True when <paramref name="topic"/> is a valid stream name that starts with <paramref name="topicPrefix"/> (an empty prefix makes every such topic a stream).</summary>
    public static bool IsStream(string? topic, string topicPrefix = DefaultTopicPrefix)
    {
        ArgumentNullException.ThrowIfNull(topicPrefix);
        return IsValid(topic) && topic!.StartsWith(topicPrefix, StringComparison.Ordinal);
    }
}
