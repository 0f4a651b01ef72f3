using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// Kinesis's shard choice: the MD5 hash of the partition key's UTF-8 bytes, read as an unsigned 128-bit
/// big-endian integer, falls in exactly one shard's hash key range. With n shards, shard i owns
/// [floor(i·2^128/n), floor((i+1)·2^128/n) − 1], the even split Kinesis makes when a stream is created.
/// </summary>
public static class HashKeyPartitioner
{
    private static readonly BigInteger KeySpace = BigInteger.One << 128;

    /// <summary>The first hash key of every shard, per shard count; streams have few distinct counts.</summary>
    private static readonly ConcurrentDictionary<int, UInt128[]> Starts = new();

    public static UInt128 HashKey(string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        Span<byte> hash = stackalloc byte[16];
        // Not used for security: MD5 is what Kinesis maps partition keys with.
#pragma warning disable CA5351
        MD5.HashData(Encoding.UTF8.GetBytes(partitionKey), hash);
#pragma warning restore CA5351
        return BinaryPrimitives.ReadUInt128BigEndian(hash);
    }

    public static int ShardFor(string partitionKey, int shardCount) => ShardFor(HashKey(partitionKey), shardCount);

    public static int ShardFor(UInt128 hashKey, int shardCount)
    {
        var starts = StartsFor(shardCount);
        // The last shard whose range starts at or below the key.
        int low = 0, high = starts.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (starts[middle] <= hashKey)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    /// <summary>The inclusive hash key range of <paramref name="shard"/> among <paramref name="shardCount"/>.</summary>
    public static (UInt128 Start, UInt128 End) RangeOf(int shard, int shardCount)
    {
        var starts = StartsFor(shardCount);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, shardCount);
        var end = shard + 1 < shardCount ? starts[shard + 1] - UInt128.One : UInt128.MaxValue;
        return (starts[shard], end);
    }

    private static UInt128[] StartsFor(int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        return Starts.GetOrAdd(shardCount, static n =>
        {
            var starts = new UInt128[n];
            for (var i = 0; i < n; i++)
            {
                starts[i] = (UInt128)(KeySpace * i / n);
            }

            return starts;
        });
    }
}
