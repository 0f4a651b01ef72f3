namespace PinterestPipeline.RestProxy.Tests.Infrastructure;

/// <summary>
/// An independent port of the Java client's <c>Utils.murmur2</c> and its default partition choice,
/// checked against the Java test vectors, to tell where Confluent's proxy would put a keyed record.
/// </summary>
public static class Murmur2
{
    public static int Hash(byte[] data)
    {
        const uint seed = 0x9747b28c;
        const uint m = 0x5bd1e995;
        const int r = 24;
        var length = data.Length;
        var h = seed ^ (uint)length;
        var length4 = length / 4;
        for (var i = 0; i < length4; i++)
        {
            var i4 = i * 4;
            var k = (uint)(data[i4 + 0] & 0xff) + ((uint)(data[i4 + 1] & 0xff) << 8) + ((uint)(data[i4 + 2] & 0xff) << 16) + ((uint)(data[i4 + 3] & 0xff) << 24);
            k *= m;
            k ^= k >> r;
            k *= m;
            h *= m;
            h ^= k;
        }

        var tail = length & ~3;
        switch (length % 4)
        {
            case 3:
                h ^= (uint)(data[tail + 2] & 0xff) << 16;
                goto case 2;
            case 2:
                h ^= (uint)(data[tail + 1] & 0xff) << 8;
                goto case 1;
            case 1:
                h ^= (uint)(data[tail] & 0xff);
                h *= m;
                break;
        }

        h ^= h >> 13;
        h *= m;
        h ^= h >> 15;
        return unchecked((int)h);
    }

    /// <summary><c>Utils.toPositive(Utils.murmur2(key)) % numPartitions</c>.</summary>
    public static int Partition(byte[] key, int partitions) => (Hash(key) & 0x7fffffff) % partitions;
}
