using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PinterestPipeline.Analytics.Tests.Infrastructure;
using PinterestPipeline.TestSupport.Analytics;
using PinterestPipeline.TestSupport.Kafka;
using static Microsoft.Playwright.Assertions;

namespace PinterestPipeline.Analytics.Tests.Page;

/// <summary>
/// The page's Streams section in a real browser against the service and a real broker: per table the rows so far, the
/// rows of the last minute, the lag, the rejected records and the newest rows, growing as records arrive, without a reload.
/// </summary>
[Collection(Chromium.Collection)]
public sealed class StreamsSectionTests(Chromium chromium) : IAsyncLifetime
{
    private readonly KafkaFixture kafka = new();

    public Task InitializeAsync() => kafka.InitializeAsync();

    public Task DisposeAsync() => kafka.DisposeAsync();

    [Fact]
    public async Task Shows_each_stream_table_growing_as_records_arrive_without_a_reload()
    {
        using var bucket = new TestBucket();
        StreamTestHost.CreateStreams(kafka, bucket);
        var random = new Random(31);
        var events = Enumerable.Range(0, 40).Select(_ => SourceEvent.At(SeededRun.Seeded, random.Next(0, 11_001))).ToList();
        var forms = await SeedStreamForms.OfAsync(events);
        using var producer = new StreamProducer(kafka.BootstrapServers);
        await PutAsync(producer, bucket, forms[..30]);
        await producer.PutAsync(StreamTestHost.Stream(bucket, "pin"), 0, [Encoding.UTF8.GetBytes("{\"index\": ")]);

        await using var app = new AnalyticsApp(bucket, StreamTestHost.Settings(bucket, kafka.BootstrapServers));
        var service = Serve(app);
        await StreamTestHost.WaitForRowsAsync(app.CreateClient(), 30, 30, 30);
        await using var context = await chromium.NewContextAsync();
        var page = await ResultsPageDriver.OpenAsync(context, service);
        var section = page.Page.Locator("#streams");

        await Expect(section.Locator("[data-slot=state] .badge")).ToHaveTextAsync("Running");
        var pin = Card(section, StreamTestHost.Table(bucket, "pin"));
        await Expect(Count(pin, "rows")).ToHaveTextAsync("30");
        await Expect(Count(pin, "last-minute")).ToHaveTextAsync("30");
        await Expect(Count(pin, "lag")).ToHaveTextAsync("0");
        await Expect(Count(pin, "rejected")).ToHaveTextAsync("1");
        await Expect(pin.Locator(".stream-name")).ToHaveTextAsync($"from {StreamTestHost.Stream(bucket, "pin")}");
        await Expect(pin.Locator(".shards")).ToContainTextAsync("shardId-000000000000: 31 of 31 records");
        Assert.Equal(
            ["ind", "unique_id", "title", "description", "follower_count", "poster_name", "tag_list", "is_image_or_video", "image_src", "save_location", "category", "downloaded"],
            await pin.Locator("thead th").AllTextContentsAsync());
        Assert.Equal(Shown(events[29].Pin.Index), await FirstCellsAsync(pin));

        // Ten more events arrive: every card grows on its own, the newest row on top.
        // A reload would drop this mark.
        await page.Page.EvaluateAsync("() => window.streamsTestMark = 'same page'");
        await PutAsync(producer, bucket, forms[30..]);
        foreach (var suffix in StreamTestHost.Suffixes)
        {
            await Expect(Count(Card(section, StreamTestHost.Table(bucket, suffix)), "rows")).ToHaveTextAsync("40");
        }

        Assert.Equal(Shown(events[39].Pin.Index), await FirstCellsAsync(pin));
        var geo = Card(section, StreamTestHost.Table(bucket, "geo"));
        var newestGeo = ExpectedTables.Geo(events[39].Emitted.Geo);
        await Expect(geo.Locator("tbody tr").First).ToHaveTextAsync(string.Concat(
            newestGeo.Ind.ToString(CultureInfo.InvariantCulture), newestGeo.Country,
            $"[{newestGeo.Latitude.ToString(CultureInfo.InvariantCulture)}, {newestGeo.Longitude.ToString(CultureInfo.InvariantCulture)}]",
            newestGeo.Timestamp.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
        await Expect(geo.Locator("tbody tr")).ToHaveCountAsync(5);
        Assert.Equal("same page", await page.Page.EvaluateAsync<string>("() => window.streamsTestMark"));
        Assert.Empty(page.ScriptErrors);
    }

    private static ILocator Card(ILocator section, string table) => section.Locator($"article.stream-table[data-table='{table}']");

    private static ILocator Count(ILocator card, string name) => card.Locator($"[data-count='{name}'] dd");

    private static string[] Shown(int ind) => [ind.ToString(CultureInfo.InvariantCulture)];

    private static async Task<string[]> FirstCellsAsync(ILocator card) => [(await card.Locator("tbody tr").First.Locator("td").First.TextContentAsync())!];

    private static async Task PutAsync(StreamProducer producer, TestBucket bucket, IReadOnlyList<(byte[] Pin, byte[] Geo, byte[] User)> forms)
    {
        await producer.PutAsync(StreamTestHost.Stream(bucket, "pin"), 0, forms.Select(f => f.Pin));
        await producer.PutAsync(StreamTestHost.Stream(bucket, "geo"), 0, forms.Select(f => f.Geo), "partition-2");
        await producer.PutAsync(StreamTestHost.Stream(bucket, "user"), 0, forms.Select(f => f.User), "partition-3");
    }

    private static Uri Serve(AnalyticsApp app)
    {
        app.UseKestrel(0);
        app.StartServer();
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
