using System.Text;
using PinterestPipeline.RestProxy.Tests.Infrastructure;

namespace PinterestPipeline.RestProxy.Tests.Kafka;

public sealed class Murmur2Tests
{
    // The vectors of the Java client's UtilsTest.testMurmur2.
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void Reference_hash_matches_the_java_clients_vectors(string key, int expected) =>
        Assert.Equal(expected, Murmur2.Hash(Encoding.ASCII.GetBytes(key)));
}
