namespace Microsoft.Extensions.Hosting;

/// <summary>Where the bucket is: the counterpart of the connector's <c>storage.class</c>.</summary>
public enum BucketStorageKind
{
    /// <summary>A folder on disk laid out like the bucket (<see cref="BucketSettings.LocalPath"/>).</summary>
    Local,

    /// <summary>An S3 bucket, or an S3-compatible server (<see cref="BucketSettings.S3"/>).</summary>
    S3,
}
