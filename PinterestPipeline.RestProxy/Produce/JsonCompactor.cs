using System.Buffers;

namespace PinterestPipeline.RestProxy.Produce;

/// <summary>
/// Removes the whitespace between the tokens of already validated JSON and nothing else: key order,
/// number text (<c>-89.9787</c>, <c>1.50</c>, <c>1e5</c>) and string contents, escapes included, stay
/// byte for byte as the client sent them.
/// </summary>
/// <remarks>
/// One pass that jumps with vectorized searches: outside strings to the next whitespace or quote, inside a string to
/// its next quote or backslash. The compacted bytes go to a pooled scratch buffer and are copied once into an array
/// of the exact size (a record's value is the whole array).
/// </remarks>
public static class JsonCompactor
{
    /// <summary>Values up to this size are compacted on the stack.</summary>
    private const int StackBytes = 1024;

    private static readonly SearchValues<byte> OutsideString = SearchValues.Create(" \t\n\r\""u8);
    private static readonly SearchValues<byte> InsideString = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\n\r"u8);

    public static byte[] Compact(ReadOnlySpan<byte> json)
    {
        if (!json.ContainsAny(Whitespace))
        {
            return json.ToArray();
        }

        byte[]? rented = null;
        var scratch = json.Length <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(json.Length));
        try
        {
            var written = Compact(json, scratch);
            return scratch[..written].ToArray();
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <returns>The bytes written to <paramref name="target"/>, which is at least as long as <paramref name="json"/>.</returns>
    private static int Compact(ReadOnlySpan<byte> json, Span<byte> target)
    {
        var written = 0;
        var rest = json;
        while (!rest.IsEmpty)
        {
            // Outside a string: copy up to the next whitespace or quote.
            var next = rest.IndexOfAny(OutsideString);
            if (next < 0)
            {
                rest.CopyTo(target[written..]);
                return written + rest.Length;
            }

            rest[..next].CopyTo(target[written..]);
            written += next;
            if (rest[next] != (byte)'"')
            {
                // Insignificant whitespace: dropped, with the whitespace that follows it.
                rest = rest[(next + 1)..].TrimStart(" \t\n\r"u8);
                continue;
            }

            // A string: copy it whole, up to its closing quote (a backslash escapes the byte after it).
            var start = next;
            var at = next + 1;
            while (true)
            {
                var special = rest[at..].IndexOfAny(InsideString);
                if (special < 0)
                {
                    // Unterminated (not valid JSON, which the caller has checked): kept as it is.
                    rest[start..].CopyTo(target[written..]);
                    return written + rest.Length - start;
                }

                at += special;
                if (rest[at] == (byte)'\\')
                {
                    at += 2;
                    if (at >= rest.Length)
                    {
                        rest[start..].CopyTo(target[written..]);
                        return written + rest.Length - start;
                    }

                    continue;
                }

                at++;
                break;
            }

            rest[start..at].CopyTo(target[written..]);
            written += at - start;
            rest = rest[at..];
        }

        return written;
    }
}
