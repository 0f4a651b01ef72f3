using System.Globalization;

namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>Settings for a short, seeded, unthrottled emitter run with quick retries.</summary>
internal static class EmitterSettings
{
    public static Dictionary<string, string?> For(
        string connectionString, string apiBaseUrl, string prefix, long maxOffset, long count, params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:pinterest"] = connectionString,
            ["Emitter:ApiBaseUrl"] = apiBaseUrl,
            ["Pipeline:TopicPrefix"] = prefix,
            ["Emitter:MaxOffset"] = maxOffset.ToString(CultureInfo.InvariantCulture),
            ["Emitter:Seed"] = "100",
            ["Emitter:MaxDelay"] = "00:00:00",
            ["Emitter:Count"] = count.ToString(CultureInfo.InvariantCulture),
            ["Emitter:SummaryInterval"] = "00:00:00",
            ["Emitter:Retry:BaseDelay"] = "00:00:00.010",
            ["Emitter:Retry:MaxBackoff"] = "00:00:00.050",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }
}
