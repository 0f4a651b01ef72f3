using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PinterestPipeline.ServiceDefaults.Tests.Telemetry;

/// <summary>OpenTelemetry is built only when there is somewhere to export to.</summary>
public sealed class TelemetryProviderTests
{
    [Fact]
    public void Without_an_otlp_endpoint_no_tracer_meter_or_log_provider_is_built()
    {
        var builder = TestHost.CreateBuilder();
        builder.AddServiceDefaults();
        using var host = builder.Build();

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
        Assert.DoesNotContain(host.Services.GetServices<ILoggerProvider>(), p => p.GetType().Namespace?.StartsWith("OpenTelemetry", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void With_an_otlp_endpoint_traces_metrics_and_logs_are_exported()
    {
        var builder = TestHost.CreateBuilder(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"));
        builder.AddServiceDefaults();
        using var host = builder.Build();

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
        Assert.Contains(host.Services.GetServices<ILoggerProvider>(), p => p.GetType().Namespace?.StartsWith("OpenTelemetry", StringComparison.Ordinal) == true);
    }
}
