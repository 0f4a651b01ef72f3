namespace PinterestPipeline.Sink.Tests.Infrastructure;

/// <summary>Reads a local bucket folder back as keys and bytes.</summary>
internal static class LocalBucket
{
    /// <summary>Every object under <paramref name="prefix"/>, keyed by its bucket key (with '/' separators).</summary>
    public static SortedDictionary<string, byte[]> Read(string root, string prefix = "topics")
    {
        var objects = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var folder = Path.Combine(root, prefix);
        if (!Directory.Exists(folder))
        {
            return objects;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            objects[key] = File.ReadAllBytes(file);
        }

        return objects;
    }
}
