using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.Analytics.Tests.Infrastructure;

/// <summary>
/// A local bucket in the sink's layout under a fresh temp folder (deleted on dispose), next to a warehouse path of its
/// own: objects are written the way the sink writes them, one JSON value per line, each line ending in a line break.
/// </summary>
internal sealed class TestBucket : IDisposable
{
    public TestBucket(string? topicPrefix = null)
    {
        TopicPrefix = topicPrefix ?? UniqueName.For("t");
        Root = Path.Combine(Path.GetTempPath(), UniqueName.For("analytics"));
        Directory.CreateDirectory(BucketPath);
    }

    public string TopicPrefix { get; }

    public string Root { get; }

    public string BucketPath => Path.Combine(Root, "bucket");

    public string WarehousePath => Path.Combine(Root, "warehouse", "analytics.duckdb");

    /// <summary>The next offset of each (topic suffix, partition), as Kafka would hand them out.</summary>
    private Dictionary<(string, int), long> NextOffsets { get; } = [];

    public string Topic(string suffix) => $"{TopicPrefix}.{suffix}";

    /// <summary>Writes one object holding <paramref name="lines"/> at the partition's next offset; returns its key.</summary>
    public string Write(string suffix, params string[] lines) => Write(suffix, 0, lines);

    public string Write(string suffix, int partition, params string[] lines)
    {
        var offset = NextOffsets.GetValueOrDefault((suffix, partition));
        NextOffsets[(suffix, partition)] = offset + Math.Max(1, lines.Length);
        return WriteAt(suffix, partition, offset, lines);
    }

    /// <summary>Writes one object at a given offset (to leave gaps, as dead-lettered records do).</summary>
    public string WriteAt(string suffix, int partition, long offset, params string[] lines)
    {
        var key = ObjectKeys.For("topics", Topic(suffix), partition, offset, "json");
        var path = Path.Combine(BucketPath, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Concat(lines.Select(line => line + "\n")), new UTF8Encoding(false));
        NextOffsets[(suffix, partition)] = Math.Max(NextOffsets.GetValueOrDefault((suffix, partition)), offset + Math.Max(1, lines.Length));
        return key;
    }

    /// <summary>Writes an event's three records as the emitter posts them and the sink (flush.size=1) stores them.</summary>
    public void WriteEvent(SourceEvent sourceEvent)
    {
        ArgumentNullException.ThrowIfNull(sourceEvent);
        Write("pin", sourceEvent.PinJson);
        Write("geo", sourceEvent.GeoJson);
        Write("user", sourceEvent.UserJson);
    }

    public int ObjectCount => Directory.EnumerateFiles(BucketPath, "*.json", SearchOption.AllDirectories).Count();

    public static string Offset(long offset) => offset.ToString("D10", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
