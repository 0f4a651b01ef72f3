using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>Binds a <c>:Config</c> section into a librdkafka config, accepting typed and dotted names alike.</summary>
internal static class KafkaConfigBinder
{
    public static void Bind(IConfigurationSection section, ClientConfig config)
    {
        section.Bind(config);
        foreach (var child in section.GetChildren())
        {
            if (child.Value is not null && child.Key.Contains('.', StringComparison.Ordinal))
            {
                config.Set(child.Key, child.Value);
            }
        }
    }
}
