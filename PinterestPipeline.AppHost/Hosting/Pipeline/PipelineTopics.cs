namespace PinterestPipeline.AppHost.Hosting.Pipeline;

/// <summary>
/// The AppHost's settings for the pipeline's topics and streams; their names and rules are the services' own
/// (<see cref="ServiceDefaults.Pipeline.PipelineNames"/>).
/// </summary>
public static class PipelineTopics
{
    public const string PrefixParameterName = "topic-prefix";
    public const string PartitionsSettingName = "Pipeline:TopicPartitions";
    public const int DefaultPartitions = 1;
}
