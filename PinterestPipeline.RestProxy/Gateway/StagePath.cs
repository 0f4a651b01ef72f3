using Microsoft.AspNetCore.Http;

namespace PinterestPipeline.RestProxy.Gateway;

/// <summary>
/// An API Gateway stage in the path: <c>/&lt;stage&gt;/topics/...</c> is served as <c>/topics/...</c> (the stage becomes
/// the path base). Stage names are case-sensitive, as API Gateway's are, so <c>/TEST/...</c> is not stage <c>test</c>;
/// and <c>/&lt;stage&gt;/health</c> and <c>/alive</c> are not the service's own endpoints (the API has no such
/// resources), so they answer as any other unknown path does.
/// </summary>
internal static class StagePath
{
    public static IApplicationBuilder UseStagePath(this IApplicationBuilder app, string stage, params string[] rootOnly)
    {
        var prefix = new PathString("/" + stage);
        return app.Use((context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments(prefix, StringComparison.Ordinal, out var matched, out var remaining) && !IsRootOnly(remaining, rootOnly))
            {
                request.PathBase = request.PathBase.Add(matched);
                request.Path = remaining;
            }

            return next(context);
        });
    }

    private static bool IsRootOnly(PathString path, string[] rootOnly)
    {
        foreach (var root in rootOnly)
        {
            if (path.StartsWithSegments(root, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
