using System.Globalization;

namespace PinterestPipeline.DevKafka.Broker;

/// <summary>A topic to create at start: <c>name</c> or <c>name:partitions</c>.</summary>
public sealed record TopicSpec(string Name, int Partitions = 1)
{
    // Kafka's own rule (org.apache.kafka.common.internals.Topic): [a-zA-Z0-9._-], 1..249 characters.
    private const int MaxNameLength = 249;

    public static TopicSpec Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var colon = value.LastIndexOf(':');
        var name = colon < 0 ? value : value[..colon];
        var partitions = 1;
        if (colon >= 0 && (!int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out partitions) || partitions < 1))
        {
            throw new FormatException($"--topic '{value}': the partition count after ':' must be a whole number of at least 1, as in 'orders:3'.");
        }

        if (name.Length is 0 or > MaxNameLength || name is "." or ".." || !name.All(IsLegal))
        {
            throw new FormatException($"--topic '{value}': a topic name is 1 to 249 characters of letters, digits, '.', '_' and '-'.");
        }

        return new TopicSpec(name, partitions);
    }

    private static bool IsLegal(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
