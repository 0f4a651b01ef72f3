using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PinterestPipeline.Analytics.Bucket;
using PinterestPipeline.Analytics.Queries;
using PinterestPipeline.Analytics.Tests.Infrastructure;
using PinterestPipeline.TestSupport.Analytics;
using static Microsoft.Playwright.Assertions;

namespace PinterestPipeline.Analytics.Tests.Page;

/// <summary>
/// The results page in a real browser (Debian's chromium through Playwright) against the real service on a real port,
/// over a real local bucket and DuckDB file. Tables are checked against the answers computed independently from the
/// records the test wrote (<see cref="ExpectedAnswers"/>), formatted as the page documents: counts and medians grouped
/// in the reader's locale (en-US here), years as they are.
/// </summary>
[Collection(Chromium.Collection)]
public sealed class ResultsPageTests(Chromium chromium)
{
    private static readonly HashSet<string> NumberColumns = ["category_count", "follower_count", "median_follower_count", "number_users_joined"];
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task Shows_the_latest_run_and_every_answer_as_a_table_and_a_drawn_chart()
    {
        using var bucket = new TestBucket();
        var random = new Random(20240807);
        var events = Enumerable.Range(0, 400).Select(_ => SourceEvent.At(SeededRun.Seeded, random.Next(0, 11_001))).ToList();
        events.ForEach(bucket.WriteEvent);
        bucket.Write("pin", "{\"index\": 1, \"title\": ");
        await using var app = new AnalyticsApp(bucket);
        var service = Serve(app);
        var run = await app.RunAsync();
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        var runId = run.GetProperty("id").GetInt64();

        await using var context = await chromium.NewContextAsync();
        var page = await ResultsPageDriver.OpenAsync(context, service);
        await page.WaitForAnswersOfRunAsync(runId);

        var tables = new ExpectedTables(events.Select(e => e.Emitted));
        await Expect(page.Latest.Locator(".badge")).ToHaveTextAsync("Succeeded");
        await Expect(page.Latest).ToContainTextAsync($"Run #{runId}");
        // Every object holds one line (flush.size=1), the unparseable one too.
        await Expect(page.Count("objects")).ToHaveTextAsync(Number(bucket.ObjectCount));
        await Expect(page.Count("records")).ToHaveTextAsync(Number(bucket.ObjectCount));
        await Expect(page.Count("rejected")).ToHaveTextAsync("1");
        await Expect(page.Count("pin")).ToHaveTextAsync($"{Number(tables.Pins.Count)} +{Number(tables.Pins.Count)}");
        await Expect(page.Count("geo")).ToHaveTextAsync($"{Number(tables.Geos.Count)} +{Number(tables.Geos.Count)}");
        await Expect(page.Count("user")).ToHaveTextAsync($"{Number(tables.Users.Count)} +{Number(tables.Users.Count)}");

        var expected = ExpectedAnswers.Of(tables);
        foreach (var query in QueryCatalog.All)
        {
            await Expect(page.Answer(query.Id).Locator("h4")).ToHaveTextAsync($"Question {query.Id}: {query.Question}");
            var (columns, rows) = await page.TableAsync(query.Id);
            Assert.Equal(query.Columns, columns);
            Assert.NotEmpty(expected[query.Id]);
            Assert.Equal(Displayed(query, expected[query.Id]), rows.Select(cells => string.Join(" | ", cells)));

            // A bar per row, at most the page's 15 for one-series charts (question 8 has one series per age group).
            var chart = await page.ChartAsync(query.Id);
            var bars = Math.Min(expected[query.Id].Count, query.Id == "8" ? int.MaxValue : 15);
            Assert.True(bars == chart.Bars, $"Question {query.Id}: {chart.Bars} bars drawn for {expected[query.Id].Count} rows; expected {bars}.");
            Assert.True(chart.PaintedPixels > 200, $"Question {query.Id}: only {chart.PaintedPixels} pixels of the canvas are in a bar colour.");
        }

        // Countries outnumber the bars: the chart draws the largest, the table keeps every row.
        Assert.True(expected["1"].Count > 15, "The seeded events should cover more than 15 countries.");
        var largest = await page.ChartAsync("3a");
        var top = expected["3a"].Select(row => row.Split('|')).OrderByDescending(row => long.Parse(row[2], CultureInfo.InvariantCulture)).First();
        Assert.Contains($"{top[0]} · {top[1]}", largest.Labels);

        await Expect(page.History.Locator("tr")).ToHaveCountAsync(1);
        await Expect(page.HistoryRow(runId).Locator(".badge")).ToHaveTextAsync("Succeeded");
        Assert.Empty(page.ScriptErrors);
        // Chart.js and everything else come from the service itself: the page works offline.
        Assert.Contains(page.Requests, url => url.EndsWith("/lib/chart.js/dist/chart.umd.min.js", StringComparison.Ordinal));
        Assert.All(page.Requests, url => Assert.StartsWith(service.GetLeftPart(UriPartial.Authority) + "/", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_now_shows_the_new_run_in_the_history_until_it_ends_then_its_answers()
    {
        using var bucket = new TestBucket();
        var events = EdgeCaseEvents.All();
        var first = events.Take(8).ToList();
        first.ForEach(bucket.WriteEvent);
        // The first run's reads wait at the gate: it stays Running while the page is looked at.
        var reader = new GatedBucketReader(bucket.BucketPath);
        await using var app = new AnalyticsApp(bucket, services: services => services.AddSingleton<IBucketReader>(reader));
        var service = Serve(app);

        await using var context = await chromium.NewContextAsync();
        var page = await ResultsPageDriver.OpenAsync(context, service);
        await Expect(page.History).ToHaveTextAsync("No run yet.");
        await page.RunNow.ClickAsync();
        await Expect(page.Notice).ToContainTextAsync("Run #1 started");
        await Expect(page.HistoryRow(1).Locator(".badge")).ToHaveTextAsync("Running");
        await Expect(page.Latest.Locator(".badge")).ToHaveTextAsync("Running");
        await Expect(page.AnswersCaption).ToHaveTextAsync("No succeeded run yet: run #1 is in progress.");

        await page.RunNow.ClickAsync();
        await Expect(page.Notice).ToContainTextAsync("Already running: run #1 is in progress");
        await Expect(page.History.Locator("tr")).ToHaveCountAsync(1);

        reader.Open();
        await Expect(page.HistoryRow(1).Locator(".badge")).ToHaveTextAsync("Succeeded");
        await Expect(page.Notice).ToContainTextAsync("Run #1 succeeded");
        await page.WaitForAnswersOfRunAsync(1);
        await ExpectTableAsync(page, "6", ExpectedAnswers.Of(new ExpectedTables(first.Select(e => e.Emitted)))["6"]);

        // Records added since: the next run appears above the first, and its answers replace the first's.
        events.Skip(8).ToList().ForEach(bucket.WriteEvent);
        await page.RunNow.ClickAsync();
        await Expect(page.History.Locator("tr")).ToHaveCountAsync(2);
        await Expect(page.History.Locator("tr").First).ToHaveAttributeAsync("data-run-id", "2");
        await Expect(page.HistoryRow(2).Locator(".badge")).ToHaveTextAsync("Succeeded");
        await page.WaitForAnswersOfRunAsync(2);
        var expected = ExpectedAnswers.Of(new ExpectedTables(events.Select(e => e.Emitted)));
        foreach (var query in QueryCatalog.All)
        {
            await ExpectTableAsync(page, query.Id, expected[query.Id]);
        }

        await Expect(page.HistoryRow(1).Locator(".badge")).ToHaveTextAsync("Succeeded");
        // The browser logs the refused start (409) itself; nothing else went wrong in the page.
        Assert.Equal(["Failed to load resource: the server responded with a status of 409 (Conflict)"], page.ScriptErrors);
    }

    [Fact]
    public async Task Says_when_there_is_no_run_no_rows_or_no_service()
    {
        using var bucket = new TestBucket();
        await using var app = new AnalyticsApp(bucket);
        var service = Serve(app);

        await using var context = await chromium.NewContextAsync();
        var page = await ResultsPageDriver.OpenAsync(context, service);
        await Expect(page.Latest).ToHaveTextAsync("No run yet. Press Run now, or wait for the schedule.");
        await Expect(page.History).ToHaveTextAsync("No run yet.");
        await Expect(page.AnswersCaption).ToHaveTextAsync("No run yet: the answers appear here once a run has succeeded.");
        foreach (var query in QueryCatalog.All)
        {
            await Expect(page.Answer(query.Id).Locator("tbody")).ToHaveTextAsync("No run yet: the answers appear here once a run has succeeded.");
        }

        var layout = await page.LayoutAsync();

        // A run over an empty bucket: every answer says the warehouse is empty.
        await page.RunNow.ClickAsync();
        await page.WaitForAnswersOfRunAsync(1);
        foreach (var query in QueryCatalog.All)
        {
            await Expect(page.Answer(query.Id).Locator("tbody")).ToHaveTextAsync(
                "No rows: the warehouse is empty, as the bucket had no record when this run read it. Run again once the sink has written some.");
        }

        // One post from 2017 by a user of 16 who joined in 2014: every question over years or age groups has no row.
        var lone = EdgeCaseEvents.All()[12] with { Geo = EdgeCaseEvents.All()[12].Geo with { Timestamp = new DateTime(2017, 5, 1) } };
        var user = lone.User with { DateJoined = new DateTime(2014, 1, 2) };
        bucket.WriteEvent(lone with { User = user });
        await page.RunNow.ClickAsync();
        await page.WaitForAnswersOfRunAsync(2);
        var expected = ExpectedAnswers.Of(new ExpectedTables([(lone with { User = user }).Emitted]));
        foreach (var query in QueryCatalog.All)
        {
            var card = page.Answer(query.Id);
            if (expected[query.Id].Count == 0)
            {
                await Expect(card.Locator("tbody")).ToHaveTextAsync("No rows: no record in the warehouse falls under this question yet.");
                await Expect(card.Locator(".chart-box .empty")).ToHaveTextAsync("No rows: no record in the warehouse falls under this question yet.");
                await Expect(card.Locator("canvas")).ToBeHiddenAsync();
            }
            else
            {
                await ExpectTableAsync(page, query.Id, expected[query.Id]);
            }
        }

        Assert.Equal(["1", "3a", "3b"], QueryCatalog.All.Where(q => expected[q.Id].Count > 0).Select(q => q.Id));
        // Nothing moved when the answers came: the latest-run card and every answer card kept their place and size.
        Assert.Equal(layout, await page.LayoutAsync());

        // A start refused with another status: the API's own message is shown.
        await page.Page.RouteAsync("**/api/batch/runs", route => route.Request.Method == "POST"
            ? route.FulfillAsync(new() { Status = 503, ContentType = "application/json", Body = "{\"error\":\"The warehouse file is locked by another process.\"}" })
            : route.ContinueAsync());
        await page.RunNow.ClickAsync();
        await Expect(page.Notice).ToHaveTextAsync("Could not start a run: api/batch/runs answered 503: The warehouse file is locked by another process.");
        await page.Page.UnrouteAllAsync();

        // The service stops answering: the page says so, keeps what it showed, and goes on once it answers again.
        await page.Page.RouteAsync("**/api/**", route => route.AbortAsync());
        await page.WaitUntilApiIsAsync(reachable: false);
        await page.RunNow.ClickAsync();
        await Expect(page.Notice).ToContainTextAsync("Cannot reach the analytics service (api/batch");
        await Expect(page.Notice).ToHaveAttributeAsync("data-tone", "error");
        await Expect(page.HistoryRow(2).Locator(".badge")).ToHaveTextAsync("Succeeded");
        Assert.Equal(layout, await page.LayoutAsync());
        await page.Page.UnrouteAllAsync();
        await page.WaitUntilApiIsAsync(reachable: true);
        await page.RunNow.ClickAsync();
        await Expect(page.Notice).ToContainTextAsync("Run #3 succeeded");
        Assert.NotEmpty(page.ScriptErrors);
        var unexpected = page.ScriptErrors.Where(error => !Regex.IsMatch(error, "^Failed to load resource: (net::ERR_FAILED|the server responded with a status of 503)")).ToList();
        Assert.True(unexpected.Count == 0, $"Console errors other than the cut-off API's:\n{string.Join("\n", unexpected)}\nAll of them:\n{string.Join("\n", page.ScriptErrors)}\nAnswers of 400 or more:\n{string.Join("\n", page.FailedResponses)}");
    }

    private static async Task ExpectTableAsync(ResultsPageDriver page, string queryId, List<string> expected)
    {
        var query = QueryCatalog.Find(queryId)!;
        await Expect(page.Answer(queryId).Locator("tbody tr")).ToHaveCountAsync(Math.Max(1, expected.Count));
        var (_, rows) = await page.TableAsync(queryId);
        Assert.Equal(Displayed(query, expected), rows.Select(cells => string.Join(" | ", cells)));
    }

    /// <summary>The expected rows (<see cref="ExpectedAnswers.Row"/>) as the page should write them.</summary>
    private static IEnumerable<string> Displayed(BatchQuery query, IEnumerable<string> rows) =>
        rows.Select(row => string.Join(" | ", row.Split('|').Select((value, i) => NumberColumns.Contains(query.Columns[i]) && value != "null"
            ? double.Parse(value, CultureInfo.InvariantCulture).ToString("#,##0.##", EnUs)
            : value)));

    private static string Number(long value) => value.ToString("#,##0", EnUs);

    /// <summary>Runs the service on Kestrel at a free port (a browser needs a real socket); returns its address.</summary>
    private static Uri Serve(AnalyticsApp app)
    {
        app.UseKestrel(0);
        app.StartServer();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }
}
