using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// librdkafka takes one log and one statistics handler per client, so instead of competing with the caller's,
/// the instrumented builders chain them: ours (ILogger, metrics) runs first, then the one the caller set.
/// </summary>
internal static class KafkaHandlerChain
{
    public static Action<TClient, LogMessage> Log<TClient>(ILogger logger, Action<TClient, LogMessage>? caller) =>
        (client, message) =>
        {
            KafkaLog.Forward(logger, message);
            caller?.Invoke(client, message);
        };

    public static Action<TClient, string> Statistics<TClient>(KafkaClientMetrics metrics, Action<TClient, string>? caller)
        where TClient : IClient =>
        (client, json) =>
        {
            metrics.Record(client.Name, json);
            caller?.Invoke(client, json);
        };
}
