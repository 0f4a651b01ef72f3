namespace PinterestPipeline.Sink.Configuration;

/// <summary>Where objects go: the counterpart of the connector's <c>storage.class</c>.</summary>
public enum SinkStorageKind
{
    /// <summary>A folder on disk laid out like the bucket (<see cref="SinkOptions.LocalPath"/>).</summary>
    Local,

    /// <summary>An S3 bucket, or an S3-compatible server (<see cref="SinkOptions.S3"/>).</summary>
    S3,
}
