using System.Text;
using Microsoft.Extensions.Hosting;

namespace PinterestPipeline.Sink.Tests.Infrastructure;

/// <summary>What the bucket must hold: the connector's keys and one value per line.</summary>
internal static class ObjectFiles
{
    /// <summary>The objects for <paramref name="values"/> (offsets 0, 1, ...) cut into files of <paramref name="flushSize"/>.</summary>
    public static SortedDictionary<string, byte[]> Expected(string topic, int partition, IReadOnlyList<byte[]> values, int flushSize)
    {
        var expected = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        for (var start = 0; start + flushSize <= values.Count; start += flushSize)
        {
            expected[ObjectKeys.For("topics", topic, partition, start, "json")] = Lines(values.Skip(start).Take(flushSize));
        }

        return expected;
    }

    public static byte[] Lines(IEnumerable<byte[]> values) => values.SelectMany(v => v.Concat("\n"u8.ToArray())).ToArray();

    public static string Describe(IDictionary<string, byte[]> objects) =>
        string.Join("; ", objects.Select(o => $"{o.Key} => {Encoding.UTF8.GetString(o.Value).Replace("\n", "\\n", StringComparison.Ordinal)}"));
}
