using System.Globalization;

namespace PinterestPipeline.Sink.Storage;

/// <summary>The connector's DefaultPartitioner layout: <c>&lt;dir&gt;/&lt;topic&gt;/partition=&lt;p&gt;/&lt;topic&gt;+&lt;p&gt;+&lt;offset, 10 digits&gt;.&lt;ext&gt;</c>.</summary>
public static class ObjectKeys
{
    public static string For(string directory, string topic, int partition, long startOffset, string extension) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{directory}/{topic}/partition={partition}/{topic}+{partition}+{startOffset:D10}.{extension}");
}
