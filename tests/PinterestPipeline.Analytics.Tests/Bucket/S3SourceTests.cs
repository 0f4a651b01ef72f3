using System.Net.Http.Json;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PinterestPipeline.Analytics.Tests.Infrastructure;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.S3;

namespace PinterestPipeline.Analytics.Tests.Bucket;

/// <summary>The same objects in s3rver and in a local folder give the same tables; S3 runs are incremental too; a failed run says why and is retried.</summary>
public sealed class S3SourceTests(S3rverFixture s3rver) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task An_s3_bucket_gives_the_tables_of_the_same_objects_in_a_local_folder_and_loads_only_new_objects()
    {
        using var local = new TestBucket();
        using var remote = new TestBucket(local.TopicPrefix);
        var bucketName = UniqueName.For("bucket").Replace('_', '-');
        using var s3 = Client(bucketName);
        await s3.PutBucketAsync(bucketName);
        for (var i = 0; i < 60; i++)
        {
            local.WriteEvent(SourceEvent.At(SeededRun.Seeded, i * 13 % 200));
        }

        // A flush.size of 4 in a second partition, so the S3 listing has more than one object per page position.
        local.WriteAt("pin", 1, 0, [.. Enumerable.Range(300, 4).Select(i => SourceEvent.At(SeededRun.Seeded, i).PinJson)]);
        await UploadAsync(s3, bucketName, local.BucketPath);

        await using (var localApp = new AnalyticsApp(local))
        await using (var remoteApp = S3App(remote, bucketName))
        {
            var localRun = await localApp.RunAsync();
            var remoteRun = await remoteApp.RunAsync();
            Assert.Equal(("Succeeded", 181), (remoteRun.GetProperty("status").GetString(), remoteRun.GetProperty("objectsRead").GetInt32()));
            Assert.Equal(localRun.GetProperty("rows").GetRawText(), remoteRun.GetProperty("rows").GetRawText());
            Assert.Equal($"s3://{bucketName}", remoteRun.GetProperty("bucket").GetString());

            local.WriteEvent(SourceEvent.At(SeededRun.Seeded, 999));
            await UploadAsync(s3, bucketName, local.BucketPath);
            Assert.Equal(3, (await remoteApp.RunAsync()).GetProperty("objectsRead").GetInt32());
            Assert.Equal(3, (await localApp.RunAsync()).GetProperty("objectsRead").GetInt32());
        }

        await using var localWarehouse = await WarehouseFile.OpenAsync(local.WarehousePath);
        await using var remoteWarehouse = await WarehouseFile.OpenAsync(remote.WarehousePath);
        foreach (var table in new[] { "pin", "geo", "\"user\"" })
        {
            var sql = $"SELECT * FROM {table} ORDER BY ALL";
            Assert.Equal(await WarehouseFile.QueryAsync(localWarehouse, sql), await WarehouseFile.QueryAsync(remoteWarehouse, sql));
        }
    }

    // A delay of 0 makes the retry due while the failed run is still ending: it must not find that run busy.
    [Theory]
    [InlineData("00:00:00.300")]
    [InlineData("00:00:00")]
    public async Task A_failed_run_says_why_and_is_retried_once_after_the_retry_delay(string retryDelay)
    {
        using var bucket = new TestBucket();
        var settings = S3Settings(bucket, UniqueName.For("missing").Replace('_', '-'));
        settings["Analytics:Batch:RetryDelay"] = retryDelay;
        await using var app = new AnalyticsApp(bucket, settings, services => services.AddSingleton<IAmazonS3>(_ => Client(settings["Analytics:S3:BucketName"]!)));

        var first = await app.RunAsync();
        using var client = app.CreateClient();
        var deadline = DateTime.UtcNow + AnalyticsApp.RunLimit;
        JsonElement[] runs;
        do
        {
            await Task.Delay(100);
            runs = (await client.GetFromJsonAsync<JsonElement>("/api/batch/runs")).EnumerateArray().ToArray();
        }
        while ((runs.Length < 2 || runs[0].GetProperty("status").GetString() == "Running") && DateTime.UtcNow < deadline);

        // Three retry delays later there is still no third attempt: retries=1.
        await Task.Delay(1_000);
        runs = (await client.GetFromJsonAsync<JsonElement>("/api/batch/runs")).EnumerateArray().ToArray();

        Assert.Equal("Failed", first.GetProperty("status").GetString());
        Assert.Contains("bucket", first.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, runs.Length);
        Assert.Equal(("Retry", 2, first.GetProperty("id").GetInt64(), "Failed"),
            (runs[0].GetProperty("trigger").GetString(), runs[0].GetProperty("attempt").GetInt32(), runs[0].GetProperty("retryOf").GetInt64(), runs[0].GetProperty("status").GetString()));
    }

    private AnalyticsApp S3App(TestBucket bucket, string bucketName) =>
        new(bucket, S3Settings(bucket, bucketName), services => services.AddSingleton<IAmazonS3>(_ => Client(bucketName)));

    private Dictionary<string, string?> S3Settings(TestBucket bucket, string bucketName)
    {
        var settings = AnalyticsApp.Settings(bucket);
        settings["Analytics:Storage"] = "S3";
        settings["Analytics:LocalPath"] = null;
        settings["Analytics:S3:BucketName"] = bucketName;
        settings["Analytics:S3:ServiceUrl"] = s3rver.ServiceUrl.ToString();
        settings["Analytics:S3:ForcePathStyle"] = "true";
        return settings;
    }

    // s3rver accepts only its own key pair; a deployment gets credentials from the SDK's default chain instead.
    private IAmazonS3 Client(string bucketName) =>
        S3ClientFactory.Create(new BucketS3Options { BucketName = bucketName, ServiceUrl = s3rver.ServiceUrl, ForcePathStyle = true },
            new BasicAWSCredentials(S3rverFixture.AccessKeyId, S3rverFixture.SecretAccessKey));

    private static async Task UploadAsync(IAmazonS3 s3, string bucketName, string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories))
        {
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucketName,
                Key = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'),
                FilePath = file,
                UseChunkEncoding = false,
            });
        }
    }
}
