using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Asks the cluster for metadata through the registered client's own connection (a dependent admin
/// client), so it needs no configuration of its own and writes nothing to the cluster.
/// </summary>
internal sealed class KafkaClientHealthCheck(Handle clientHandle, TimeSpan timeout) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // librdkafka's metadata call blocks until an answer or the timeout. It gets a thread of its own rather
            // than a thread-pool one, so a busy pool cannot delay its start past the registration's deadline.
            var brokers = await Task.Factory.StartNew(() =>
            {
                using var admin = new DependentAdminClientBuilder(clientHandle).Build();
                return admin.GetMetadata(timeout).Brokers.Count;
            }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).WaitAsync(cancellationToken);

            return brokers > 0
                ? HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["brokers"] = brokers })
                : new HealthCheckResult(context.Registration.FailureStatus, "The Kafka cluster answered metadata with no brokers.");
        }
        catch (KafkaException ex)
        {
            // The reason is librdkafka's error text ("Local: Timed out", "Broker transport failure"), never the configuration.
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"The Kafka cluster did not answer a metadata request within {timeout.TotalSeconds:0.#} s: {ex.Error.Reason}");
        }
    }
}
