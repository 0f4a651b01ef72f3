using Confluent.Kafka;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// librdkafka takes one log, error and statistics handler per client, so instead of competing with the caller's,
/// the instrumented builders chain them: ours (ILogger, metrics) runs first, then the one the caller set. A caller's
/// handler is for what it does with the event (ProducerStatus remembers a fatal error); logging it again would
/// write every line twice.
/// </summary>
internal static class KafkaHandlerChain
{
    public static Action<TClient, LogMessage> Log<TClient>(KafkaClientLog log, Action<TClient, LogMessage>? caller) =>
        (client, message) =>
        {
            log.OnLog(message);
            caller?.Invoke(client, message);
        };

    public static Action<TClient, Error> Error<TClient>(KafkaClientLog log, Action<TClient, Error>? caller)
        where TClient : IClient =>
        (client, error) =>
        {
            log.OnError(client.Name, error);
            caller?.Invoke(client, error);
        };

    public static Action<TClient, string> Statistics<TClient>(KafkaClientMetrics? metrics, KafkaClientLog log, Action<TClient, string>? caller)
        where TClient : IClient =>
        (client, json) =>
        {
            metrics?.Record(client.Name, json);
            log.OnStatistics(json);
            caller?.Invoke(client, json);
        };
}
