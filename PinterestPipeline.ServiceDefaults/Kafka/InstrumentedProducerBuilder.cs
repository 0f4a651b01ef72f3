using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>The builder handed to <c>configureBuilder</c>; <see cref="Build"/> chains our handlers before the caller's (<see cref="KafkaHandlerChain"/>).</summary>
internal sealed class InstrumentedProducerBuilder<TKey, TValue>(ProducerConfig config, ILogger logger, TimeProvider time, KafkaClientMetrics? metrics)
    : ProducerBuilder<TKey, TValue>(config)
{
    public override IProducer<TKey, TValue> Build()
    {
        var log = new KafkaClientLog(logger, time);
        LogHandler = KafkaHandlerChain.Log(log, LogHandler);
        ErrorHandler = KafkaHandlerChain.Error(log, ErrorHandler);
        StatisticsHandler = KafkaHandlerChain.Statistics(metrics, log, StatisticsHandler);
        return base.Build();
    }
}
