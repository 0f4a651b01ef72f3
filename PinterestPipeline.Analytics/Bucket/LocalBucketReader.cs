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

        // One pass over the folder's names; the ones at or below the watermark are dropped before any allocation of keys.
        var after = startAfter is null ? null : startAfter[partitionFolder.Length..];
        var keys = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(path.AsSpan());
            if (after is null || name.CompareTo(after, StringComparison.Ordinal) > 0)
            {
                keys.Add(string.Concat(partitionFolder, name));
            }
        }

        keys.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    public Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(File.ReadAllBytes(PathOf(key)));

    private string PathOf(string key) => Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar));
}
