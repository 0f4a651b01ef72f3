using Aspire.Hosting.ApplicationModel;
using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PinterestPipeline.AppHost.Hosting.Kafka;

/// <summary>Healthy when the broker answers a metadata request within a few seconds and names at least one broker.</summary>
internal sealed class KafkaHealthCheck(IResourceWithConnectionString resource) : IHealthCheck
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string? bootstrapServers;
        try
        {
            bootstrapServers = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or DistributedApplicationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }

        // librdkafka calls block; keep them off the health-check loop's thread.
        return await Task.Run(() => Probe(bootstrapServers, context.Registration.FailureStatus), cancellationToken).ConfigureAwait(false);
    }

    private static HealthCheckResult Probe(string? bootstrapServers, HealthStatus failureStatus)
    {
        var config = new AdminClientConfig
        {
            BootstrapServers = bootstrapServers,
            SocketTimeoutMs = (int)MetadataTimeout.TotalMilliseconds,
            SocketConnectionSetupTimeoutMs = (int)MetadataTimeout.TotalMilliseconds,
        };
        try
        {
            // Refused connections while the broker starts are expected; the result carries the reason instead of the log.
            using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).Build();
            var metadata = admin.GetMetadata(MetadataTimeout);
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(failureStatus, $"The broker at {bootstrapServers} answered but named no brokers.");
        }
        catch (KafkaException ex)
        {
            return new HealthCheckResult(failureStatus, $"No answer from the broker at {bootstrapServers}: {ex.Error.Reason}", ex);
        }
    }
}
