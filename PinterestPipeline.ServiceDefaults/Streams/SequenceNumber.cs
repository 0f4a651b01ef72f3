using System.Globalization;

namespace PinterestPipeline.ServiceDefaults.Streams;

/// <summary>
/// Kinesis sequence numbers for records kept in Kafka. Each is a decimal string that encodes the record's
/// (partition, offset), so no server keeps a table of them: <c>49</c>, the partition in 10 digits, then
/// the offset in 20 digits (<c>49</c> + <c>0000000002</c> + <c>00000000000000000017</c> is partition 2,
/// offset 17). The fixed width makes numbers of one shard increase with the offset whether they are
/// compared as numbers or as strings.
/// </summary>
public static class SequenceNumber
{
    /// <summary>Real Kinesis sequence numbers begin with 49 too; it also keeps the string free of leading zeros.</summary>
    private const string Marker = "49";

    private const int PartitionDigits = 10;
    private const int OffsetDigits = 20;

    public const int Length = 2 + PartitionDigits + OffsetDigits;

    public static string Format(int partition, long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return string.Create(CultureInfo.InvariantCulture, $"{Marker}{partition:D10}{offset:D20}");
    }

    /// <summary>Reads a number made by <see cref="Format"/>; false for any other string.</summary>
    public static bool TryParse(string? sequenceNumber, out int partition, out long offset)
    {
        partition = 0;
        offset = 0;
        if (sequenceNumber is null || sequenceNumber.Length != Length || !sequenceNumber.StartsWith(Marker, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in sequenceNumber)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        var span = sequenceNumber.AsSpan(Marker.Length);
        return int.TryParse(span[..PartitionDigits], NumberStyles.None, CultureInfo.InvariantCulture, out partition) &&
               long.TryParse(span[PartitionDigits..], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}
