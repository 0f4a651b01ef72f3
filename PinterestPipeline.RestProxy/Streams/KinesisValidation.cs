using System.Globalization;
using PinterestPipeline.ServiceDefaults.Streams;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// Collects constraint violations worded as Kinesis words them
/// (<c>Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1</c>),
/// up to the ten Kinesis lists in one answer.
/// </summary>
public sealed class KinesisValidation
{
    /// <summary>Kinesis's limit, counted in UTF-16 code units as its Java service counts string length.</summary>
    public const int MaxPartitionKeyLength = 256;

    private const int MaxListed = 10;

    /// <summary>Longer values are cut in messages, so an error never echoes a large request back.</summary>
    private const int MaxEchoed = 256;

    private readonly List<string> violations = [];

    public void NotNull(string member) => Add(member, "null", "Member must not be null");

    public void MinLength(string member, string value, int min) =>
        Add(member, Quote(value), $"Member must have length greater than or equal to {min}");

    public void MaxLength(string member, string value, int max) =>
        Add(member, Quote(value), $"Member must have length less than or equal to {max}");

    public void MaxBlobLength(string member, int length, int max) =>
        Add(member, string.Create(CultureInfo.InvariantCulture, $"'java.nio.HeapByteBuffer[pos=0 lim={length} cap={length}]'"), $"Member must have length less than or equal to {max}");

    public void MinCount(string member, int count, int min) =>
        Add(member, string.Create(CultureInfo.InvariantCulture, $"'[{count} records]'"), $"Member must have length greater than or equal to {min}");

    public void MaxCount(string member, int count, int max) =>
        Add(member, string.Create(CultureInfo.InvariantCulture, $"'[{count} records]'"), $"Member must have length less than or equal to {max}");

    public void MinValue(string member, long value, long min) =>
        Add(member, Quote(value.ToString(CultureInfo.InvariantCulture)), $"Member must have value greater than or equal to {min}");

    public void Pattern(string member, string value, string pattern) =>
        Add(member, Quote(value), "Member must satisfy regular expression pattern: " + pattern);

    /// <summary>Kinesis's rule for <c>streamName</c>: 1 to 128 characters of <see cref="StreamName.Pattern"/>.</summary>
    public void StreamNameOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            MinLength("streamName", name, 1);
            return;
        }

        if (name.Length > StreamName.MaxLength)
        {
            MaxLength("streamName", name, StreamName.MaxLength);
        }

        if (!StreamName.MatchesPattern(name))
        {
            Pattern("streamName", name, StreamName.Pattern);
        }
    }

    /// <summary>A record's data (present, at most <paramref name="maxDataBytes"/>) and partition key (1 to 256 characters).</summary>
    public void Record(StreamRecord record, string dataMember, string partitionKeyMember, int maxDataBytes)
    {
        if (record.PartitionKey is null)
        {
            NotNull(partitionKeyMember);
        }
        else if (record.PartitionKey.Length < 1)
        {
            MinLength(partitionKeyMember, record.PartitionKey, 1);
        }
        else if (record.PartitionKey.Length > MaxPartitionKeyLength)
        {
            MaxLength(partitionKeyMember, record.PartitionKey, MaxPartitionKeyLength);
        }

        if (record.Data is null)
        {
            NotNull(dataMember);
        }
        else if (record.Data.Length > maxDataBytes)
        {
            MaxBlobLength(dataMember, record.Data.Length, maxDataBytes);
        }
    }

    /// <exception cref="KinesisException">A ValidationException when anything was added.</exception>
    public void ThrowIfAny()
    {
        if (violations.Count > 0)
        {
            throw KinesisException.Validation(violations);
        }
    }

    private void Add(string member, string renderedValue, string constraint)
    {
        if (violations.Count < MaxListed)
        {
            violations.Add($"Value {renderedValue} at '{member}' failed to satisfy constraint: {constraint}");
        }
    }

    private static string Quote(string value) =>
        value.Length <= MaxEchoed
            ? $"'{value}'"
            : string.Create(CultureInfo.InvariantCulture, $"'{value.AsSpan(0, 64)}…' ({value.Length} characters)");
}
