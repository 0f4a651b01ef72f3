using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>The builder handed to <c>configureBuilder</c>; <see cref="Build"/> chains our handlers before the caller's (<see cref="KafkaHandlerChain"/>).</summary>
internal sealed class InstrumentedProducerBuilder<TKey, TValue>(ProducerConfig config, ILogger logger, KafkaClientMetrics? metrics)
    : ProducerBuilder<TKey, TValue>(config)
{
    public override IProducer<TKey, TValue> Build()
    {
        LogHandler = KafkaHandlerChain.Log(logger, LogHandler);
        if (metrics is not null)
        {
            StatisticsHandler = KafkaHandlerChain.Statistics(metrics, StatisticsHandler);
        }

        return base.Build();
    }
}
