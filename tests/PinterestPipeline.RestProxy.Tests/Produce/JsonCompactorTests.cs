using System.Text;
using PinterestPipeline.RestProxy.Produce;

namespace PinterestPipeline.RestProxy.Tests.Produce;

public sealed class JsonCompactorTests
{
    [Theory]
    [InlineData("{\"a\":1}", "{\"a\":1}")]
    [InlineData(" { \"a\" :\t1 ,\r\n \"b\" : [ 1.50 , -0.0, 1e-7 ] } ", "{\"a\":1,\"b\":[1.50,-0.0,1e-7]}")]
    [InlineData("\" keep  inner \\\" spaces \"", "\" keep  inner \\\" spaces \"")]
    [InlineData("[\"\\\\\", \" \"]", "[\"\\\\\",\" \"]")]
    public void Removes_only_whitespace_between_tokens(string json, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(JsonCompactor.Compact(Encoding.UTF8.GetBytes(json))));
}
