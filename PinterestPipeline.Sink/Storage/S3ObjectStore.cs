using Amazon.S3;
using Amazon.S3.Model;

namespace PinterestPipeline.Sink.Storage;

/// <summary>An S3 bucket (or an S3-compatible server): one PutObject per object, which S3 makes durable before it answers.</summary>
public sealed class S3ObjectStore(IAmazonS3 s3, string bucketName) : IObjectStore
{
    public string Location => $"s3://{bucketName}";

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        using var body = new MemoryStream(content.ToArray(), writable: false);
        await s3.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = bucketName,
                Key = key,
                InputStream = body,
                AutoCloseStream = false,
                // The body is in memory, so sign it whole: S3-compatible servers such as s3rver store aws-chunked bodies verbatim.
                UseChunkEncoding = false,
                ContentType = key.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/octet-stream",
            },
            cancellationToken);
    }
}
