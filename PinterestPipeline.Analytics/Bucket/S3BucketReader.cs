using Amazon.S3;
using Amazon.S3.Model;

namespace PinterestPipeline.Analytics.Bucket;

/// <summary>An S3 bucket (or an S3-compatible server): ListObjectsV2 pages from a watermark, one GetObject per object.</summary>
public sealed class S3BucketReader(IAmazonS3 s3, string bucketName) : IBucketReader
{
    public string Location => $"s3://{bucketName}";

    public async Task<IReadOnlyList<int>> ListPartitionsAsync(string topicFolder, CancellationToken cancellationToken)
    {
        var partitions = new List<int>();
        var request = new ListObjectsV2Request { BucketName = bucketName, Prefix = topicFolder, Delimiter = "/" };
        do
        {
            var page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var prefix in page.CommonPrefixes ?? [])
            {
                var name = prefix[topicFolder.Length..].TrimEnd('/');
                if (ObjectKeys.TryParsePartitionFolder(name, out var partition))
                {
                    partitions.Add(partition);
                }
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);

        partitions.Sort();
        return partitions;
    }

    public async Task<IReadOnlyList<string>> ListAsync(string partitionFolder, string? startAfter, CancellationToken cancellationToken)
    {
        // Keys sort by their zero-padded offsets, so StartAfter the watermark lists only what is new: O(new objects).
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucketName, Prefix = partitionFolder, Delimiter = "/", StartAfter = startAfter };
        do
        {
            var page = await s3.ListObjectsV2Async(request, cancellationToken);
            keys.AddRange((page.S3Objects ?? []).Select(entry => entry.Key));
            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    public async Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucketName, key, cancellationToken);
        using var content = new MemoryStream(response.ContentLength > 0 ? (int)response.ContentLength : 0);
        await response.ResponseStream.CopyToAsync(content, cancellationToken);
        return content.ToArray();
    }
}
