namespace PinterestPipeline.Sink.Consuming;

/// <summary>
/// Turns <c>topics.regex</c> into a librdkafka regex subscription. Kafka Connect matches the whole topic
/// name; librdkafka treats a subscription that starts with <c>^</c> as a regex and looks for a match
/// anywhere, so a pattern that is not already anchored at both ends is wrapped as <c>^(pattern)$</c>.
/// </summary>
public static class TopicSubscription
{
    public static string From(string topicsRegex)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicsRegex);
        return topicsRegex.StartsWith('^') && topicsRegex.EndsWith('$') ? topicsRegex : $"^({topicsRegex})$";
    }
}
