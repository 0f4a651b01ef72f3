using System.Globalization;
using Amazon.Runtime;
using Amazon.S3.Model;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PinterestPipeline.Sink.Tests.Infrastructure;
using PinterestPipeline.TestSupport.Kafka;
using PinterestPipeline.TestSupport.S3;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.Sink.Tests.Storage;

/// <summary>The S3 backend, against s3rver, writes the same keys and bytes as the local folder.</summary>
public sealed class S3BackendTests(KafkaFixture kafka, S3rverFixture s3rver) : IClassFixture<KafkaFixture>, IClassFixture<S3rverFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task S3_and_local_buckets_hold_the_same_objects()
    {
        var topic = kafka.CreateTopic("s3", partitions: 2);
        var bucketName = UniqueName.For("bucket").Replace('_', '-');
        var s3Options = new BucketS3Options { BucketName = bucketName, ServiceUrl = s3rver.ServiceUrl, ForcePathStyle = true };
        using var s3 = S3ClientFactory.Create(s3Options, new BasicAWSCredentials(S3rverFixture.AccessKeyId, S3rverFixture.SecretAccessKey));
        await s3.PutBucketAsync(bucketName);

        using var records = new TestRecords(kafka.BootstrapServers);
        for (var partition = 0; partition < 2; partition++)
        {
            await records.ProduceAsync(topic, partition, Enumerable.Range(0, 9).Select(n => TestRecords.Json(topic, partition, n)));
        }

        using var folder = new TempFolder();
        var localSettings = SinkHost.LocalSettings(kafka.BootstrapServers, $"^{topic}$", folder.Path, UniqueName.For("g"));
        localSettings["Sink:FlushSize"] = "3";
        var s3Settings = new Dictionary<string, string?>(localSettings)
        {
            ["Sink:GroupId"] = UniqueName.For("g"),
            ["Sink:Storage"] = "S3",
            ["Sink:LocalPath"] = null,
            ["Sink:S3:BucketName"] = bucketName,
            ["Sink:S3:ServiceUrl"] = s3rver.ServiceUrl.ToString(),
            ["Sink:S3:ForcePathStyle"] = "true",
        };

        using var local = await SinkHost.StartAsync(localSettings);
        // s3rver accepts only its own key pair; a deployment gets credentials from the SDK's default chain instead.
        using var remote = await SinkHost.StartAsync(s3Settings, services => services.AddSingleton<IAmazonS3>(sp =>
            S3ClientFactory.Create(s3Options, new BasicAWSCredentials(S3rverFixture.AccessKeyId, S3rverFixture.SecretAccessKey))));

        const int expectedObjects = 6;
        await Eventually.TrueAsync(() => LocalBucket.Read(folder.Path).Count >= expectedObjects, Timeout, () => ObjectFiles.Describe(LocalBucket.Read(folder.Path)));
        var remoteObjects = await Eventually.ReachedAsync(
            () => ReadAsync(s3, bucketName), objects => objects.Count >= expectedObjects, Timeout,
            objects => $"{objects.Count} of {expectedObjects} objects in the S3 bucket: {string.Join(", ", objects.Keys)}", TimeSpan.FromMilliseconds(100));

        await Task.WhenAll(local.StopAsync(), remote.StopAsync());

        var localObjects = LocalBucket.Read(folder.Path);
        Assert.Equal(expectedObjects, localObjects.Count);
        Assert.Equal(localObjects, remoteObjects);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"topics/{topic}/partition=1/{topic}+1+0000000006.json"), remoteObjects.Keys);
    }

    private static async Task<SortedDictionary<string, byte[]>> ReadAsync(IAmazonS3 s3, string bucketName)
    {
        var objects = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucketName, Prefix = "topics/" });
        foreach (var entry in listing.S3Objects ?? [])
        {
            using var response = await s3.GetObjectAsync(bucketName, entry.Key);
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content);
            objects[entry.Key] = content.ToArray();
        }

        return objects;
    }
}
