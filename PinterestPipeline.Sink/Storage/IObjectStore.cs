namespace PinterestPipeline.Sink.Storage;

/// <summary>A bucket: puts whole objects under keys such as <c>topics/t/partition=0/t+0+0000000000.json</c>.</summary>
public interface IObjectStore
{
    /// <summary>Where the objects go, for logs and the dashboard: a folder path or <c>s3://bucket</c>.</summary>
    string Location { get; }

    /// <summary>
    /// Writes <paramref name="content"/> under <paramref name="key"/>, replacing any object there. When the
    /// task completes the object is durable, so the offsets it covers may be committed.
    /// </summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}
