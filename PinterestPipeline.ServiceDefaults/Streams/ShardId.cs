using System.Globalization;

namespace PinterestPipeline.ServiceDefaults.Streams;

/// <summary>
/// Kinesis shard ids for a stream kept in Kafka: shard N is partition N, written as Kinesis writes ids,
/// <c>shardId-</c> and twelve zero-padded digits (<c>shardId-000000000003</c>).
/// </summary>
public static class ShardId
{
    public const string Prefix = "shardId-";

    private const int Digits = 12;

    public static string Format(int partition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        return Prefix + partition.ToString("D12", CultureInfo.InvariantCulture);
    }

    /// <summary>Reads an id in exactly the <see cref="Format"/> shape; anything else (other padding, spaces, signs) is refused.</summary>
    public static bool TryParse(string? shardId, out int partition)
    {
        partition = 0;
        if (shardId is null || shardId.Length != Prefix.Length + Digits || !shardId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = shardId.AsSpan(Prefix.Length);
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out partition);
    }
}
