using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The builder handed to <c>configureBuilder</c>. librdkafka takes one log and one statistics handler per
/// client, so instead of competing with the caller's, <see cref="Build"/> chains them: ours (ILogger,
/// metrics) runs first, then the one the caller set, so both keep working.
/// </summary>
internal sealed class InstrumentedProducerBuilder<TKey, TValue>(ProducerConfig config, ILogger logger, KafkaClientMetrics? metrics)
    : ProducerBuilder<TKey, TValue>(config)
{
    public override IProducer<TKey, TValue> Build()
    {
        var callerLog = LogHandler;
        LogHandler = (client, message) =>
        {
            KafkaLog.Forward(logger, message);
            callerLog?.Invoke(client, message);
        };

        if (metrics is not null)
        {
            var callerStatistics = StatisticsHandler;
            StatisticsHandler = (client, json) =>
            {
                metrics.Record(client.Name, json);
                callerStatistics?.Invoke(client, json);
            };
        }

        return base.Build();
    }
}
