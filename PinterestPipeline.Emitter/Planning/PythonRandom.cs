namespace PinterestPipeline.Emitter.Planning;

/// <summary>
/// CPython's <c>random.Random</c> (MT19937, <c>seed(int)</c>, <c>random()</c>, <c>randint</c>, <c>uniform</c>), bit for bit,
/// so that a <c>Seed</c> draws the same offsets as the course's <c>user_posting_emulation.py</c> after <c>random.seed(seed)</c>.
/// </summary>
public sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private const uint UpperMask = 0x80000000u;
    private const uint LowerMask = 0x7fffffffu;
    private const uint MatrixA = 0x9908b0dfu;

    private readonly uint[] state = new uint[N];
    private int index;

    /// <summary>Seeds as <c>random.seed(seed)</c> does for an int: by the 32-bit words of its absolute value.</summary>
    public PythonRandom(long seed)
    {
        var magnitude = seed == long.MinValue ? 1UL << 63 : (ulong)Math.Abs(seed);
        uint[] key = magnitude >> 32 == 0 ? [(uint)magnitude] : [(uint)magnitude, (uint)(magnitude >> 32)];
        InitByArray(key);
    }

    /// <summary><c>random.random()</c>: a double in [0, 1) from 53 random bits.</summary>
    public double NextDouble()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return ((a * 67108864.0) + b) * (1.0 / 9007199254740992.0);
    }

    /// <summary><c>random.uniform(a, b)</c>.</summary>
    public double Uniform(double a, double b) => a + ((b - a) * NextDouble());

    /// <summary><c>random.randint(a, b)</c>, both ends included; the range may hold at most 2^32 values.</summary>
    public long RandInt(long a, long b)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(b, a);
        var n = (ulong)(b - a) + 1;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 1UL << 32, nameof(b));
        return a + (long)RandBelow(n);
    }

    private ulong RandBelow(ulong n)
    {
        // CPython's _randbelow_with_getrandbits: rejection sampling on n.bit_length() bits.
        var bits = 64 - ulong.LeadingZeroCount(n);
        ulong r;
        do
        {
            r = GetRandBits((int)bits);
        }
        while (r >= n);
        return r;
    }

    private ulong GetRandBits(int bits) => bits == 33
        ? NextUInt32() | ((ulong)(NextUInt32() >> 31) << 32)
        : NextUInt32() >> (32 - bits);

    private uint NextUInt32()
    {
        if (index >= N)
        {
            Twist();
        }

        var y = state[index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    private void Twist()
    {
        for (var k = 0; k < N; k++)
        {
            var y = (state[k] & UpperMask) | (state[(k + 1) % N] & LowerMask);
            state[k] = state[(k + M) % N] ^ (y >> 1) ^ ((y & 1) == 0 ? 0u : MatrixA);
        }

        index = 0;
    }

    private void InitGenrand(uint seed)
    {
        state[0] = seed;
        for (var i = 1; i < N; i++)
        {
            state[i] = (1812433253u * (state[i - 1] ^ (state[i - 1] >> 30))) + (uint)i;
        }

        index = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (var k = Math.Max(N, key.Length); k > 0; k--)
        {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N)
            {
                state[0] = state[N - 1];
                i = 1;
            }

            if (j >= key.Length)
            {
                j = 0;
            }
        }

        for (var k = N - 1; k > 0; k--)
        {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N)
            {
                state[0] = state[N - 1];
                i = 1;
            }
        }

        state[0] = 0x80000000u;
        index = N;
    }
}
