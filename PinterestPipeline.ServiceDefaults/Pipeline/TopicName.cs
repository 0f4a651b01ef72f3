namespace PinterestPipeline.ServiceDefaults.Pipeline;

/// <summary>Kafka's rule for topic names (<c>org.apache.kafka.common.internals.Topic.validate</c>), which the proxy, the emitter, the AppHost and DevKafka check.</summary>
public static class TopicName
{
    public const int MaxLength = 249;

    public const string Rule = "1 to 249 characters from a-z, A-Z, 0-9, '.', '_' and '-', and not '.' or '..'";

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || name is "." or "..")
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
