using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Hosting;

namespace PinterestPipeline.Sink.Configuration;

/// <summary>
/// The <c>Sink</c> section. Each setting stands for a property of Confluent's S3 sink connector
/// (named in its summary), so a connector configuration translates line by line.
/// </summary>
public sealed class SinkOptions : BucketSettings
{
    public const string SectionName = "Sink";

    /// <summary>The connector's <c>name</c>; the default consumer group is <c>connect-&lt;name&gt;</c>, as in Kafka Connect.</summary>
    public string ConnectorName { get; set; } = "sink";

    /// <summary><c>topics.regex</c>; defaults to <c>^&lt;Pipeline:TopicPrefix&gt;\..*$</c>.</summary>
    public string? TopicsRegex { get; set; }

    /// <summary><c>flush.size</c>: records per object.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be at least 1 (records per object)")]
    public int FlushSize { get; set; } = 1;

    /// <summary>
    /// <c>rotate.interval.ms</c>: an object with fewer than <see cref="FlushSize"/> records is written once it
    /// has been open this long (wall clock). Empty: objects close only when full.
    /// </summary>
    [Range(1, long.MaxValue, ErrorMessage = "{0} must be a positive number of milliseconds, or left out")]
    public long? RotateIntervalMs { get; set; }

    /// <summary><c>topics.dir</c>: the top folder of the object keys.</summary>
    public string TopicsDir { get; set; } = "topics";

    /// <summary>The consumer group; defaults to <c>connect-&lt;ConnectorName&gt;</c>.</summary>
    public string? GroupId { get; set; }

    /// <summary><c>errors.tolerance</c> for values that are not JSON (and for null values, as <c>behavior.on.null.values=fail</c>).</summary>
    public ErrorsTolerance ErrorsTolerance { get; set; } = ErrorsTolerance.None;

    /// <summary>
    /// The bucket folder that takes bad records when <see cref="ErrorsTolerance"/> is <see cref="ErrorsTolerance.All"/>:
    /// <c>&lt;DeadLetterDir&gt;/&lt;topic&gt;/partition=&lt;p&gt;/&lt;topic&gt;+&lt;p&gt;+&lt;offset&gt;.bin</c>, one object per record, raw bytes.
    /// </summary>
    public string DeadLetterDir { get; set; } = "dead-letter";
}
