using PinterestPipeline.Emitter.Planning;

namespace PinterestPipeline.Emitter.Tests.Planning;

// Expected values come from CPython 3.11's random module.
public sealed class PythonRandomTests
{
    [Fact]
    public void Random_matches_cpython_after_seed_100()
    {
        var random = new PythonRandom(100);

        Assert.Equal([0.1456692551041303, 0.45492700451402135, 0.7707838056590222], [random.NextDouble(), random.NextDouble(), random.NextDouble()]);
    }

    [Theory]
    [InlineData(100L, new long[] { 2386, 7528, 7453, 2863, 6439, 5730, 7102, 8304 })]
    [InlineData(0L, new long[] { 6311, 6890, 663, 4242, 8376 })]
    [InlineData(1099511627781L, new long[] { 8263, 8469, 4400, 10875, 449 })]
    public void Randint_matches_cpython(long seed, long[] expected)
    {
        var random = new PythonRandom(seed);

        Assert.Equal(expected, expected.Select(_ => random.RandInt(0, 11000)).ToArray());
    }

    [Fact]
    public void Negative_seed_is_its_absolute_value_and_wide_ranges_work()
    {
        var random = new PythonRandom(-7);

        Assert.Equal([1390851128L, 647892279L, 1695753998L], [random.RandInt(0, int.MaxValue), random.RandInt(0, int.MaxValue), random.RandInt(0, int.MaxValue)]);
    }

    [Fact]
    public void A_single_value_range_still_consumes_draws_like_cpython()
    {
        var random = new PythonRandom(12345);

        Assert.Equal(0, random.RandInt(0, 0));
        Assert.Equal(0, random.RandInt(0, 0));
        Assert.Equal(4892, random.RandInt(0, 11000));
    }
}
