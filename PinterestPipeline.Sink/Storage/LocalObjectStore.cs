namespace PinterestPipeline.Sink.Storage;

/// <summary>
/// A folder that stands for the bucket: key <c>a/b/c.json</c> is the file <c>&lt;root&gt;/a/b/c.json</c>. An object is
/// written to a temporary file, flushed to disk and renamed over its final name, so a reader (or a
/// restart after a crash) sees either the whole object or none of it.
/// </summary>
public sealed class LocalObjectStore : IObjectStore
{
    /// <summary>The folder under the root for objects being written; never part of a key.</summary>
    public const string TempFolderName = ".sink-tmp";

    // A temporary file older than this belongs to a writer that was killed, not to one still writing.
    private static readonly TimeSpan StaleTempAge = TimeSpan.FromMinutes(10);

    private readonly string root;
    private readonly string tempFolder;

    public LocalObjectStore(string root, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.root = Path.GetFullPath(root);
        tempFolder = Path.Combine(this.root, TempFolderName);
        Directory.CreateDirectory(tempFolder);
        RemoveStaleTempFiles(timeProvider.GetUtcNow() - StaleTempAge);
    }

    public string Location => root;

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var path = Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Unique temporary names: after a rebalance two sink instances may briefly write the same key.
        var temp = Path.Combine(tempFolder, $"{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private void RemoveStaleTempFiles(DateTimeOffset olderThan)
    {
        foreach (var file in new DirectoryInfo(tempFolder).EnumerateFiles("*.tmp"))
        {
            if (file.LastWriteTimeUtc < olderThan.UtcDateTime)
            {
                file.Delete();
            }
        }
    }
}
