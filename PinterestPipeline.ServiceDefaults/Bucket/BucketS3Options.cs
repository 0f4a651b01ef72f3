namespace Microsoft.Extensions.Hosting;

/// <summary>An S3 bucket (<c>&lt;Section&gt;:S3</c>, e.g. <c>Sink:S3</c>, <c>Analytics:S3</c>). Credentials come from the AWS SDK's default chain.</summary>
public sealed class BucketS3Options
{
    /// <summary><c>s3.bucket.name</c>; the original used <c>user-&lt;user_id&gt;-bucket</c>.</summary>
    public string? BucketName { get; set; }

    /// <summary><c>s3.region</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary><c>store.url</c>: an S3-compatible endpoint such as s3rver or MinIO; empty means AWS.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary><c>s3.path.style.access.enabled</c>: S3-compatible servers usually need it.</summary>
    public bool ForcePathStyle { get; set; }
}
