using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Sink.Configuration;

/// <summary>Fills the settings whose defaults depend on other settings (the topic prefix, the connector name).</summary>
public sealed class SinkOptionsDefaults(IConfiguration configuration) : IPostConfigureOptions<SinkOptions>
{
    public void PostConfigure(string? name, SinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.TopicsRegex))
        {
            var prefix = configuration[PipelineNames.TopicPrefixKey];
            options.TopicsRegex = string.IsNullOrWhiteSpace(prefix) ? null : $"^{Regex.Escape(prefix)}\\..*$";
        }

        options.GroupId = GroupId(options.GroupId, options.ConnectorName);
    }

    /// <summary>
    /// The consumer group: <c>Sink:GroupId</c>, else <c>connect-&lt;Sink:ConnectorName&gt;</c>. The Kafka client is
    /// registered before options exist, so it reads the same rule straight from configuration.
    /// </summary>
    public static string GroupId(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SinkOptions.SectionName);
        return GroupId(section[nameof(SinkOptions.GroupId)], section[nameof(SinkOptions.ConnectorName)] ?? new SinkOptions().ConnectorName);
    }

    private static string GroupId(string? groupId, string connectorName) =>
        string.IsNullOrWhiteSpace(groupId) ? $"connect-{connectorName}" : groupId;
}
