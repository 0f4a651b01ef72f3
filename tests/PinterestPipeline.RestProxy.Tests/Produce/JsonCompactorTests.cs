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

    [Theory]
    [InlineData(16)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(300_000)]
    public void Compacts_values_of_every_size_as_the_byte_by_byte_rule_does(int length)
    {
        // Strings with escaped quotes and backslashes, whitespace runs of every kind, between and inside tokens.
        var random = new Random(length);
        string[] pieces = [" ", "\t", "\r\n", "  ", "\"a b\"", "\"\\\"\"", "\"\\\\\"", "\"x\\\" y\"", "1.50", ":", ",", "[", "]", "{", "}", "-0.0", "null", "\"\u00e9 \\u0041\""];
        var json = new StringBuilder();
        while (json.Length < length)
        {
            json.Append(pieces[random.Next(pieces.Length)]);
        }

        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        Assert.Equal(ByteByByte(bytes), JsonCompactor.Compact(bytes));
    }

    /// <summary>The rule, one byte at a time: whitespace outside strings goes, everything else stays.</summary>
    private static byte[] ByteByByte(byte[] json)
    {
        var result = new List<byte>(json.Length);
        bool inString = false, escaped = false;
        foreach (var b in json)
        {
            if (inString)
            {
                result.Add(b);
                if (escaped)
                {
                    escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    escaped = true;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                result.Add(b);
                inString = b == (byte)'"';
            }
        }

        return [.. result];
    }
}
