using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace PinterestPipeline.RestProxy.Kafka;

/// <summary>On shutdown, gives records still in the producer's queue up to the delivery timeout to reach the broker.</summary>
public sealed class ProducerFlushService(IProducer<byte[]?, byte[]?> producer, IOptions<RestProxyOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.Run(() => producer.Flush(options.Value.DeliveryTimeout), CancellationToken.None);
}
