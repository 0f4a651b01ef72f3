using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using PinterestPipeline.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PinterestPipeline.Analytics.Tests.Page;

/// <summary>What a test reads and does on the results page, by the page's own structure (sections, cards, slots).</summary>
internal sealed class ResultsPageDriver(IPage page)
{
    private readonly List<string> scriptErrors = [];
    private readonly List<string> requests = [];
    private readonly List<string> failedResponses = [];

    public IPage Page => page;

    public ILocator Batch => page.Locator("#batch");

    public ILocator Notice => Batch.Locator("[data-slot=notice]");

    public ILocator RunNow => Batch.GetByRole(AriaRole.Button, new() { Name = "Run now" });

    public ILocator Latest => Batch.Locator("[data-slot=latest]");

    public ILocator AnswersCaption => Batch.Locator("[data-slot=answers-of]");

    public ILocator History => Batch.Locator("[data-slot=history]");

    /// <summary>Script errors and console errors the page has had (a page that throws is a failed test).</summary>
    public IReadOnlyList<string> ScriptErrors => scriptErrors;

    /// <summary>Every answer of 400 or more the page got (<c>503 POST http://.../api/batch/runs</c>), to say which one a console error is about.</summary>
    public IReadOnlyList<string> FailedResponses => failedResponses;

    /// <summary>Every URL the page has asked for, to see it needs nothing but the service (no CDN).</summary>
    public IReadOnlyList<string> Requests => requests;

    public static async Task<ResultsPageDriver> OpenAsync(IBrowserContext context, Uri service)
    {
        var page = await context.NewPageAsync();
        var driver = new ResultsPageDriver(page);
        page.PageError += (_, error) => driver.scriptErrors.Add(error);
        page.Request += (_, request) => driver.requests.Add(request.Url);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                driver.failedResponses.Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                driver.scriptErrors.Add(message.Text);
            }
        };
        await page.GotoAsync(service.ToString());
        return driver;
    }

    public ILocator Answer(string queryId) => Batch.Locator($"article.answer[data-query='{queryId}']");

    public ILocator HistoryRow(long runId) => History.Locator($"tr[data-run-id='{runId}']");

    public ILocator Count(string name) => Latest.Locator($"[data-count='{name}'] dd");

    /// <summary>
    /// Waits until a fetch from the page reaches the API (<paramref name="reachable"/>) or fails, so that a route just
    /// added or removed is in force before the page is used.
    /// </summary>
    public Task WaitUntilApiIsAsync(bool reachable) =>
        Eventually.TrueAsync(
            async () => await page.EvaluateAsync<bool>("() => fetch('api/batch', { cache: 'no-store' }).then(() => true, () => false)") == reachable,
            TimeSpan.FromSeconds(10),
            $"A fetch from the page still {(reachable ? "fails" : "reaches the API")} after 10 s.",
            TimeSpan.FromMilliseconds(100));

    /// <summary>Waits until the answers shown are those of <paramref name="runId"/>.</summary>
    public Task WaitForAnswersOfRunAsync(long runId) =>
        Expect(AnswersCaption).ToContainTextAsync($"From run #{runId.ToString(CultureInfo.InvariantCulture)},");

    /// <summary>The answer table's header and body cells as the reader sees them.</summary>
    public async Task<(string[] Columns, string[][] Rows)> TableAsync(string queryId)
    {
        var table = Answer(queryId).Locator("table");
        var columns = await table.Locator("thead th").AllTextContentsAsync();
        var rows = await table.EvaluateAsync<string[][]>("t => [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent))");
        return ([.. columns], rows);
    }

    /// <summary>Where the latest-run card and each answer card are on the page (CSS pixels), to see that nothing jumps.</summary>
    public async Task<string> LayoutAsync() =>
        string.Join("; ", await Batch.Locator(".latest, article.answer").EvaluateAllAsync<string[]>(
            "cards => cards.map(c => { const r = c.getBoundingClientRect(); return `${c.id || c.className} ${r.x},${r.y + window.scrollY} ${r.width}x${r.height}`; })"));

    /// <summary>
    /// What the answer's chart has drawn: Chart.js's bar elements per dataset (as laid out on the canvas), and how many
    /// of the canvas's pixels carry a bar colour, read back from the canvas itself.
    /// </summary>
    public async Task<ChartDrawing> ChartAsync(string queryId)
    {
        var canvas = Answer(queryId).Locator("canvas");
        await Expect(canvas).ToBeVisibleAsync();
        var drawing = await canvas.EvaluateAsync<JsonElement>("""
            c => {
              const chart = Chart.getChart(c);
              const colours = chart.data.datasets.map(d => d.backgroundColor);
              const rgb = colours.map(hex => [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16)));
              const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let painted = 0;
              for (let i = 0; i < pixels.length; i += 4) {
                if (pixels[i + 3] === 255 && rgb.some(([r, g, b]) => pixels[i] === r && pixels[i + 1] === g && pixels[i + 2] === b)) painted++;
              }
              const bars = chart.data.datasets.map((d, i) => chart.getDatasetMeta(i).data.filter((bar, j) => d.data[j] !== null && bar.width > 0 && bar.height > 0).length);
              return { bars, labels: chart.data.labels.map(l => Array.isArray(l) ? l.join(' ') : l), painted };
            }
            """);
        return new ChartDrawing(
            [.. drawing.GetProperty("bars").EnumerateArray().Select(bars => bars.GetInt32())],
            [.. drawing.GetProperty("labels").EnumerateArray().Select(label => label.GetString()!)],
            drawing.GetProperty("painted").GetInt32());
    }
}

internal sealed record ChartDrawing(IReadOnlyList<int> BarsPerDataset, IReadOnlyList<string> Labels, int PaintedPixels)
{
    public int Bars => BarsPerDataset.Sum();
}
