using System.Globalization;

namespace PinterestPipeline.Sink.Tests.Infrastructure;

internal static class BucketAssert
{
    /// <summary>The partition's objects, in start-offset order, hold offsets 0..n-1 once each, with no gap and no overlap.</summary>
    public static void ExactlyOnce(IDictionary<string, byte[]> objects, string topic, int partition, IReadOnlyList<byte[]> values)
    {
        var folder = $"topics/{topic}/partition={partition}/";
        var files = objects
            .Where(o => o.Key.StartsWith(folder, StringComparison.Ordinal))
            .Select(o => (Start: long.Parse(o.Key[(o.Key.LastIndexOf('+') + 1)..^".json".Length], CultureInfo.InvariantCulture), o.Value))
            .OrderBy(f => f.Start)
            .ToList();

        long next = 0;
        foreach (var (start, content) in files)
        {
            Assert.True(start == next, $"partition {partition}: an object starts at offset {start}, expected {next} (a gap or an overlap)");
            var lines = Lines(content);
            for (var i = 0; i < lines.Count; i++)
            {
                Assert.True(values[(int)start + i].AsSpan().SequenceEqual(lines[i]), $"partition {partition}: offset {start + i} differs in its object");
            }

            next = start + lines.Count;
        }

        Assert.Equal(values.Count, next);
    }

    private static List<byte[]> Lines(byte[] content)
    {
        Assert.True(content.Length > 0 && content[^1] == (byte)'\n', "an object must end with a newline");
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == (byte)'\n')
            {
                lines.Add(content[start..i]);
                start = i + 1;
            }
        }

        return lines;
    }
}
