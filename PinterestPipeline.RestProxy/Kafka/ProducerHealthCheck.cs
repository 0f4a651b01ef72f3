using Microsoft.Extensions.Diagnostics.HealthChecks;
using PinterestPipeline.RestProxy.Topics;

namespace PinterestPipeline.RestProxy.Kafka;

/// <summary>
/// Healthy while the cluster answers a metadata request within the metadata timeout and the producer
/// has not failed fatally. The probe doubles as a metadata refresh.
/// </summary>
public sealed class ProducerHealthCheck(TopicMetadataCache topics, ProducerStatus status) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (status.FatalError is string fatal)
        {
            return HealthCheckResult.Unhealthy("The Kafka producer failed fatally: " + fatal);
        }

        var snapshot = await topics.RefreshAsync(cancellationToken);
        return snapshot is null
            ? HealthCheckResult.Unhealthy("The Kafka cluster did not answer a metadata request: " + topics.LastError)
            : HealthCheckResult.Healthy();
    }
}
