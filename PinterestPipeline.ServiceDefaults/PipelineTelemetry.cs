using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Microsoft.Extensions.Hosting;

/// <summary>The activity source and meter that the pipeline's own code and client integrations report to.</summary>
public static class PipelineTelemetry
{
    public const string ActivitySourceName = "PinterestPipeline";
    public const string MeterName = "PinterestPipeline";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
}
