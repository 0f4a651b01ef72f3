using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PinterestPipeline.ServiceDefaults.Streams;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// A shard iterator that carries its own position, so GetRecords needs no state on the server: the stream,
/// the partition, the next offset to read (or <see cref="TrimHorizon"/>) and when it was issued, packed,
/// check-summed and written as base64url. Like Kinesis's, it is valid for five minutes.
/// </summary>
public readonly record struct ShardIterator(string Stream, int Partition, long Offset, DateTimeOffset IssuedAt)
{
    /// <summary>The offset of an iterator that starts at the oldest record the shard still has.</summary>
    public const long TrimHorizon = -2;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private const byte Version = 1;
    private const int HeaderLength = 1 + 8 + 4 + 8 + 1;
    private const int ChecksumLength = 8;

    public string Encode()
    {
        var name = Encoding.ASCII.GetBytes(Stream);
        var bytes = new byte[HeaderLength + name.Length + ChecksumLength];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), IssuedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(9), Partition);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(13), Offset);
        bytes[21] = (byte)name.Length;
        name.CopyTo(bytes.AsSpan(HeaderLength));
        Checksum(bytes.AsSpan(0, bytes.Length - ChecksumLength), bytes.AsSpan(bytes.Length - ChecksumLength));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Reads an iterator made by <see cref="Encode"/> for <paramref name="stream"/> and checks its age.</summary>
    /// <exception cref="KinesisException">InvalidArgumentException for anything else, ExpiredIteratorException when older than <see cref="Lifetime"/>.</exception>
    public static ShardIterator Decode(string text, string stream, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryRead(text, out var iterator))
        {
            throw KinesisException.InvalidArgument("Invalid ShardIterator.");
        }

        if (!string.Equals(iterator.Stream, stream, StringComparison.Ordinal))
        {
            throw KinesisException.InvalidArgument($"Invalid ShardIterator: it was issued for stream {iterator.Stream}, not {stream}.");
        }

        if (iterator.IssuedAt > now)
        {
            throw KinesisException.InvalidArgument("Invalid ShardIterator.");
        }

        if (now - iterator.IssuedAt > Lifetime)
        {
            throw KinesisException.ExpiredIterator(string.Create(CultureInfo.InvariantCulture,
                $"Iterator expired. The iterator was created at time {AmzDate(iterator.IssuedAt)} while right now it is {AmzDate(now)} which is further in the future than the tolerated delay of {Lifetime.TotalMilliseconds:0} milliseconds."));
        }

        return iterator;
    }

    private static bool TryRead(string text, out ShardIterator iterator)
    {
        iterator = default;
        if (text.Length > 512 || !Base64Url.IsValid(text, out var length) || length < HeaderLength + 1 + ChecksumLength)
        {
            return false;
        }

        var bytes = new byte[length];
        if (Base64Url.DecodeFromChars(text, bytes) != length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[ChecksumLength];
        Checksum(bytes.AsSpan(0, length - ChecksumLength), expected);
        var nameLength = bytes[21];
        if (!expected.SequenceEqual(bytes.AsSpan(length - ChecksumLength)) || bytes[0] != Version || HeaderLength + nameLength + ChecksumLength != length)
        {
            return false;
        }

        var name = Encoding.ASCII.GetString(bytes, HeaderLength, nameLength);
        var issued = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
        var partition = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(9));
        var offset = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(13));
        if (!StreamName.IsValid(name) || partition < 0 || (offset < 0 && offset != TrimHorizon) ||
            issued < 0 || issued > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        iterator = new ShardIterator(name, partition, offset, DateTimeOffset.FromUnixTimeMilliseconds(issued));
        return true;
    }

    /// <summary>Tells a garbled or truncated iterator from a real one; not a secret, as Kinesis iterators are no credential either.</summary>
    private static void Checksum(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        hash[..ChecksumLength].CopyTo(destination);
    }

    /// <summary>Kinesis's date format in this message: <c>Thu Jan 22 01:22:02 UTC 2015</c>.</summary>
    private static string AmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
}
