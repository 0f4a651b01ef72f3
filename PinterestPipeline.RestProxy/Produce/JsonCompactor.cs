namespace PinterestPipeline.RestProxy.Produce;

/// <summary>
/// Removes the whitespace between the tokens of already validated JSON and nothing else: key order,
/// number text (<c>-89.9787</c>, <c>1.50</c>, <c>1e5</c>) and string contents, escapes included, stay
/// byte for byte as the client sent them.
/// </summary>
public static class JsonCompactor
{
    public static byte[] Compact(ReadOnlySpan<byte> json)
    {
        var whitespace = CountInsignificantWhitespace(json);
        if (whitespace == 0)
        {
            return json.ToArray();
        }

        var result = new byte[json.Length - whitespace];
        var written = 0;
        var inString = false;
        var escaped = false;
        foreach (var b in json)
        {
            if (inString)
            {
                result[written++] = b;
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
            else if (!IsWhitespace(b))
            {
                result[written++] = b;
                inString = b == (byte)'"';
            }
        }

        return result;
    }

    private static int CountInsignificantWhitespace(ReadOnlySpan<byte> json)
    {
        var count = 0;
        var inString = false;
        var escaped = false;
        foreach (var b in json)
        {
            if (inString)
            {
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
            else if (IsWhitespace(b))
            {
                count++;
            }
            else
            {
                inString = b == (byte)'"';
            }
        }

        return count;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';
}
