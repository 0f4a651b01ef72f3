using System.IO.Enumeration;

namespace PinterestPipeline.Analytics.Bucket;

/// <summary>
/// A folder that stands for the bucket (the sink's <c>Storage=Local</c>): key <c>a/b/c.json</c> is the file
/// <c>&lt;root&gt;/a/b/c.json</c>. The sink renames each object into place whole, so a file that is listed is complete.
/// </summary>
public sealed class LocalBucketReader(string root) : IBucketReader
{
    private readonly string root = Path.GetFullPath(root);

    public string Location => root;

    public Task<IReadOnlyList<int>> ListPartitionsAsync(string topicFolder, CancellationToken cancellationToken)
    {
        var folder = PathOf(topicFolder);
        IReadOnlyList<int> partitions = Directory.Exists(folder)
            ? [.. Directory.EnumerateDirectories(folder)
                .Select(Path.GetFileName)
                .Select(name => ObjectKeys.TryParsePartitionFolder(name!, out var partition) ? partition : -1)
                .Where(partition => partition >= 0)
                .Order()]
            : [];
        return Task.FromResult(partitions);
    }

    public Task<IReadOnlyList<string>> ListAsync(string partitionFolder, string? startAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitionFolder);
        var folder = PathOf(partitionFolder);
        if (!Directory.Exists(folder))
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        // A folder cannot be read from a name on, so this is one pass over all its names; the ones at or below the
        // watermark are dropped as they are read, before any string is made of them.
        var after = startAfter is null ? string.Empty : startAfter[partitionFolder.Length..];
        var names = new FileSystemEnumerable<string>(folder, (ref entry) => string.Concat(partitionFolder, entry.FileName))
        {
            ShouldIncludePredicate = (ref entry) => !entry.IsDirectory && entry.FileName.CompareTo(after, StringComparison.Ordinal) > 0,
        };
        var keys = names.ToList();
        keys.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    public Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(File.ReadAllBytes(PathOf(key)));

    private string PathOf(string key) => Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar));
}
