using Microsoft.Net.Http.Headers;

namespace PinterestPipeline.Analytics.Web.Page;

/// <summary>
/// The results page at <c>/</c>: <c>wwwroot/index.html</c> and its scripts, which read the JSON API in the browser.
/// Static files as middleware (not <c>MapStaticAssets</c>, which does not serve a default document for <c>/</c>); they
/// only answer requests that no endpoint matched, so the API and health routes are untouched.
/// </summary>
internal static class ResultsPage
{
    public static WebApplication UseResultsPage(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // The page and its scripts change with the service; revalidate (ETag) instead of caching a stale copy.
            OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        return app;
    }
}
