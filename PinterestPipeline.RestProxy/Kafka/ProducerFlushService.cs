using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PinterestPipeline.RestProxy.Telemetry;

namespace PinterestPipeline.RestProxy.Kafka;

/// <summary>On shutdown, gives records still in the producer's queue up to the delivery timeout to reach the broker.</summary>
public sealed class ProducerFlushService(IProducer<byte[]?, byte[]?> producer, IOptions<RestProxyOptions> options, ILogger<ProducerFlushService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            try
            {
                producer.Flush(options.Value.DeliveryTimeout);
            }
            catch (ObjectDisposedException)
            {
                // Seen once in a test host torn down while stopping: the producer was already disposed, so its
                // queue is gone. No record in it had been acknowledged (a request answers only after delivery).
                RestProxyLog.FlushSkipped(logger);
            }
        }, CancellationToken.None);
}
