using Microsoft.Playwright;

namespace PinterestPipeline.Analytics.Tests.Page;

/// <summary>
/// xunit collection fixture: Playwright's driver (it ships in the NuGet package) driving the machine's own chromium,
/// launched once for the page tests. Never a browser that Playwright downloads: nothing may be fetched at run time.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string Collection = "Chromium";
    public const string PathVariable = "PIPELINE_TEST_CHROMIUM";

    public const string HowToGet =
        "The page tests need Chromium (looked for " + PathVariable + ", /usr/bin/chromium, /usr/bin/chromium-browser). " +
        "Install Debian's package with 'apt-get install -y chromium' (.ci/run does), or set " + PathVariable + " to a Chromium or Chrome executable.";

    // Headless chromium as root needs --no-sandbox; the rest keep it from calling out (the network here is closed, and
    // each refused connection would only slow it down). Playwright gives each launch a fresh --user-data-dir of its own.
    private static readonly string[] Arguments =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The executable <see cref="PathVariable"/> names (it must exist), else Debian's.</summary>
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } chosen)
        {
            return File.Exists(chosen) ? chosen : throw new InvalidOperationException($"{PathVariable} is '{chosen}', which does not exist. {HowToGet}");
        }

        return new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(HowToGet);
    }

    public async Task InitializeAsync()
    {
        var executable = Find();
        // The machine is shared with other tests and builds: web-first assertions wait this long for the page.
        Assertions.SetDefaultExpectTimeout(30_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true, Args = Arguments });
    }

    /// <summary>A fresh browser context (its own cookies and storage) with a fixed locale and time zone, so numbers and times read the same everywhere.</summary>
    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new()
    {
        Locale = "en-US",
        TimezoneId = "UTC",
        ViewportSize = new() { Width = 1400, Height = 900 },
    });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}

[CollectionDefinition(Chromium.Collection)]
public sealed class ChromiumGroup : ICollectionFixture<Chromium>;
