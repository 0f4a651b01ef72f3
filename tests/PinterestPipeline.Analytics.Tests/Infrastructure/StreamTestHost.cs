using System.Net.Http.Json;
using System.Text.Json;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;

namespace PinterestPipeline.Analytics.Tests.Infrastructure;

/// <summary>Settings and waits for tests of the stream job against a real broker.</summary>
internal static class StreamTestHost
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static readonly string[] Suffixes = ["pin", "geo", "user"];

    /// <summary>The analytics settings of <paramref name="bucket"/> plus the broker; the stream names follow the bucket's prefix.</summary>
    public static Dictionary<string, string?> Settings(TestBucket bucket, string bootstrapServers)
    {
        var settings = AnalyticsApp.Settings(bucket);
        settings["ConnectionStrings:kafka"] = bootstrapServers;
        settings["Analytics:Streams:ShardRefreshInterval"] = "00:00:01";
        return settings;
    }

    public static string Stream(TestBucket bucket, string suffix) => $"streaming-{bucket.TopicPrefix}-{suffix}";

    public static string Table(TestBucket bucket, string suffix) => $"{bucket.TopicPrefix}_{suffix}_table";

    /// <summary>Creates the three streams of the bucket's prefix, each with <paramref name="shards"/> shards.</summary>
    public static void CreateStreams(KafkaFixture kafka, TestBucket bucket, int shards = 1)
    {
        foreach (var suffix in Suffixes)
        {
            kafka.Broker.CreateTopic(Stream(bucket, suffix), shards);
        }
    }

    /// <summary>Polls <c>GET /api/streams</c> until <paramref name="done"/> holds; returns that answer.</summary>
    public static Task<JsonElement> WaitAsync(HttpClient client, Func<JsonElement, bool> done, string what) =>
        Eventually.ReachedAsync(
            () => client.GetFromJsonAsync<JsonElement>("/api/streams"), done, Limit,
            streams => $"Waited {Limit.TotalSeconds:0} s for {what}; the last answer: {streams}", TimeSpan.FromMilliseconds(50));

    /// <summary>Waits until each table has the given number of rows (pin, geo, user).</summary>
    public static Task<JsonElement> WaitForRowsAsync(HttpClient client, long pin, long geo, long user) =>
        WaitAsync(client, s => Rows(s, 0) == pin && Rows(s, 1) == geo && Rows(s, 2) == user, $"{pin}/{geo}/{user} rows");

    public static long Rows(JsonElement streams, int table) => streams.GetProperty("tables")[table].GetProperty("rows").GetInt64();

    /// <summary>Every row of a table through the paging API, in commit order.</summary>
    public static async Task<List<JsonElement>> AllRowsAsync(HttpClient client, string table, int pageSize = 1000)
    {
        var rows = new List<JsonElement>();
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/streams/{table}/rows?offset={rows.Count}&limit={pageSize}");
            var items = page.GetProperty("rows").EnumerateArray().ToList();
            rows.AddRange(items);
            if (items.Count < pageSize)
            {
                return rows;
            }
        }
    }
}
