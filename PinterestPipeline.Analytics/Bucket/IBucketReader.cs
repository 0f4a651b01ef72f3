namespace PinterestPipeline.Analytics.Bucket;

/// <summary>Reads the sink's bucket: lists the partition folders and objects of a topic, and reads objects whole.</summary>
public interface IBucketReader
{
    /// <summary>Where the objects are, for logs and the run record: a folder path or <c>s3://bucket</c>.</summary>
    string Location { get; }

    /// <summary>The partitions that have a folder under <paramref name="topicFolder"/> (<c>topics/&lt;topic&gt;/</c>).</summary>
    Task<IReadOnlyList<int>> ListPartitionsAsync(string topicFolder, CancellationToken cancellationToken);

    /// <summary>
    /// The keys of the objects directly in <paramref name="partitionFolder"/> (<c>topics/&lt;topic&gt;/partition=&lt;p&gt;/</c>)
    /// that sort after <paramref name="startAfter"/> (ordinal), in that order; all of them when it is null.
    /// </summary>
    Task<IReadOnlyList<string>> ListAsync(string partitionFolder, string? startAfter, CancellationToken cancellationToken);

    /// <summary>The object's bytes.</summary>
    Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken);
}
