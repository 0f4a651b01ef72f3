using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PinterestPipeline.Analytics.Tests.Infrastructure;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.Analytics.Tests.Batch;

/// <summary>
/// The service as a process, SIGKILLed in the middle of a run: at the next start that run is marked failed, and the
/// next run loads the rest, so the tables and the rejected records equal those of one uninterrupted run over the same bucket.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int Events = 1_500;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_run_killed_midway_and_run_again_gives_the_tables_of_an_uninterrupted_run()
    {
        using var bucket = new TestBucket();
        var random = new Random(5);
        var badKeys = new List<string>();
        for (var i = 0; i < Events; i++)
        {
            bucket.WriteEvent(SourceEvent.At(SeededRun.Seeded, random.Next(0, 11_001)));
            // Bad records all through the bucket, so commits on both sides of the kill hold some: each is kept aside once.
            if (i % 100 == 0)
            {
                badKeys.Add(bucket.Write("pin", $"{{\"index\": {i}, oops"));
            }
        }

        var objects = 3 * Events + badKeys.Count;

        var port = FreePort.Next();
        var settings = AnalyticsApp.Settings(bucket);
        settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // Small commits (about 450), read one by one: the run is still going when the test sees its first commit and
        // kills it (with 50 per commit, a run once finished every commit between the test's poll and its kill).
        settings["Analytics:Batch:ObjectsPerCommit"] = "10";
        settings["Analytics:Batch:ReadConcurrency"] = "1";
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        long killedAt;
        using (var first = ServiceProcess.Start("PinterestPipeline.Analytics", settings))
        {
            await WaitUntilUpAsync(http, first);
            using var started = await http.PostAsync("/api/batch/runs", null);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            var run = await PollAsync(http, first, "/api/batch/runs/1", r => r.GetProperty("objectsRead").GetInt64() > 0);
            Assert.Equal("Running", run.GetProperty("status").GetString());
            first.Kill();
            killedAt = run.GetProperty("objectsRead").GetInt64();
        }

        using (var second = ServiceProcess.Start("PinterestPipeline.Analytics", settings))
        {
            await WaitUntilUpAsync(http, second);
            var killed = await http.GetFromJsonAsync<JsonElement>("/api/batch/runs/1");
            Assert.Equal("Failed", killed.GetProperty("status").GetString());
            Assert.StartsWith("cut short", killed.GetProperty("error").GetString(), StringComparison.Ordinal);
            var committed = killed.GetProperty("objectsRead").GetInt64();
            Assert.InRange(committed, killedAt, objects - 1);

            using var again = await http.PostAsync("/api/batch/runs", null);
            var rerun = await PollAsync(http, second, "/api/batch/runs/2", r => r.GetProperty("status").GetString() != "Running");
            Assert.Equal("Succeeded", rerun.GetProperty("status").GetString());
            // Every object was read by exactly one of the two runs.
            Assert.Equal(objects, committed + rerun.GetProperty("objectsRead").GetInt64());
            second.Kill();
        }

        using var reference = new TestBucket(bucket.TopicPrefix);
        CopyFolder(bucket.BucketPath, reference.BucketPath);
        await using (var app = new AnalyticsApp(reference))
        {
            Assert.Equal("Succeeded", (await app.RunAsync()).GetProperty("status").GetString());
        }

        await using var killedWarehouse = await WarehouseFile.OpenAsync(bucket.WarehousePath);
        await using var referenceWarehouse = await WarehouseFile.OpenAsync(reference.WarehousePath);
        foreach (var table in new[] { "pin", "geo", "\"user\"", "batch_row_hashes" })
        {
            var sql = $"SELECT * FROM {table} ORDER BY ALL";
            Assert.Equal(await WarehouseFile.QueryAsync(referenceWarehouse, sql), await WarehouseFile.QueryAsync(killedWarehouse, sql));
        }

        // The rejected records of both runs (run_id aside): each bad object's line 1, exactly once.
        const string Rejected = "SELECT object_key, line, reason, value FROM batch_rejected ORDER BY ALL";
        var rejected = await WarehouseFile.QueryAsync(killedWarehouse, Rejected);
        Assert.Equal(badKeys.Order(StringComparer.Ordinal), rejected.Select(row => row.Split('|')[0]).Order(StringComparer.Ordinal));
        Assert.Equal(await WarehouseFile.QueryAsync(referenceWarehouse, Rejected), rejected);
    }

    private static Task WaitUntilUpAsync(HttpClient http, ServiceProcess service) =>
        Eventually.TrueAsync(
            async () =>
            {
                Assert.False(service.HasExited, $"The service exited:\n{service.Output}");
                try
                {
                    using var response = await http.GetAsync("/health");
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            Limit,
            () => $"The service did not answer /health within {Limit}:\n{service.Output}",
            TimeSpan.FromMilliseconds(100));

    private static Task<JsonElement> PollAsync(HttpClient http, ServiceProcess service, string path, Func<JsonElement, bool> done) =>
        Eventually.ReachedAsync(
            () => http.GetFromJsonAsync<JsonElement>(path), done, Limit,
            run => $"{path} did not reach the expected state within {Limit}: {run}\n{service.Output}", TimeSpan.FromMilliseconds(10));

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
