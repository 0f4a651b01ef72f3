using System.ComponentModel.DataAnnotations;
using PinterestPipeline.ServiceDefaults.Streams;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>Settings of the <c>/streams</c> API, bound from <c>RestProxy:Streams</c>.</summary>
public sealed class StreamsOptions
{
    public const string SectionName = "RestProxy:Streams";

    /// <summary>Topics whose names start with this are streams; empty makes every topic with a valid stream name one.</summary>
    [RegularExpression("^[a-zA-Z0-9_.-]*$", ErrorMessage = "RestProxy:Streams:TopicPrefix may only hold the characters of a stream name: a-z, A-Z, 0-9, '_', '.', '-'.")]
    public string TopicPrefix { get; set; } = StreamName.DefaultTopicPrefix;

    /// <summary>The AWS account id that error messages and ARNs name (Kinesis says "Stream x under account n not found.").</summary>
    [Required]
    [RegularExpression(@"^\d{12}$", ErrorMessage = "RestProxy:Streams:AccountId must be 12 digits.")]
    public string AccountId { get; set; } = "000000000000";

    /// <summary>The region in stream ARNs.</summary>
    [Required]
    [RegularExpression(@"^[a-z]{2}(-[a-z]+)+-\d+$", ErrorMessage = "RestProxy:Streams:Region must look like us-east-1.")]
    public string Region { get; set; } = "us-east-1";

    public IntegrationResponses IntegrationResponses { get; set; } = IntegrationResponses.ByStatus;

    /// <summary>The most records one GetRecords answers (Kinesis's default and maximum: 10,000).</summary>
    [Range(1, 10_000, ErrorMessage = "{0} must be between {1} and {2}")]
    public int GetRecordsLimit { get; set; } = 10_000;

    /// <summary>How long GetRecords may wait for the broker before it answers with what it has.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:20", ErrorMessage = "{0} must be between {1} and {2}")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long CreateStream and DeleteStream wait for the cluster's answer (below API Gateway's 29 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:25", ErrorMessage = "{0} must be between {1} and {2}")]
    public TimeSpan AdminTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
