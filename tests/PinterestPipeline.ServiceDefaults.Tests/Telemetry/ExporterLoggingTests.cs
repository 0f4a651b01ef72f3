using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenTelemetry.Trace;
using PinterestPipeline.TestSupport.Otlp;

namespace PinterestPipeline.ServiceDefaults.Tests.Telemetry;

/// <summary>
/// A service with OTLP configured, as the AppHost configures every service, exporting to a real HTTP collector: the
/// exporters' HttpClients must not add a log line per export (Polly's "Execution attempt", the client factory's
/// "Sending HTTP request"), which would make up most of a quiet service's console log.
/// </summary>
public sealed class ExporterLoggingTests
{
    [Fact]
    public async Task Exporting_traces_logs_nothing_at_information_or_above_from_the_exporters_http_clients()
    {
        await using var collector = new OtlpReceiver();
        // A service's host as Program.cs makes it (the defaults read Logging:LogLevel from configuration).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection([
            new("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Endpoint.ToString().TrimEnd('/')),
            new("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")]);
        builder.Logging.AddFakeLogging();
        builder.AddServiceDefaults();
        using var host = builder.Build();
        await host.StartAsync();

        using var source = new ActivitySource(PipelineTelemetry.ActivitySourceName);
        for (var i = 0; i < 3; i++)
        {
            using (source.StartActivity("exported span"))
            {
            }

            Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000), "the trace exporter did not flush");
        }

        await host.StopAsync();

        // The exports reached the collector, so the clients ran (a test that exported nothing would prove nothing). The
        // batch processor may put two flushed spans in one request (2 requests for 3 spans were seen once), so at least one.
        Assert.True(collector.Spans.Count >= 1, "no trace export reached the collector");
        var noise = host.Services.GetFakeLogCollector().GetSnapshot()
            .Where(r => r.Level >= LogLevel.Information)
            .Where(r => r.Category?.StartsWith("Polly", StringComparison.Ordinal) == true
                || r.Category?.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal) == true)
            .Select(r => $"{r.Level} {r.Category}: {r.Message}")
            .ToList();
        Assert.Empty(noise);
    }

    [Fact]
    public void The_default_levels_are_the_lowest_source_so_configuration_can_raise_them_again()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Polly", "Information")]);

        builder.AddServiceDefaults();

        Assert.Equal("Information", builder.Configuration["Logging:LogLevel:Polly"]);
        Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:System.Net.Http.HttpClient"]);
    }
}
