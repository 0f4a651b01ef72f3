namespace PinterestPipeline.RestProxy.Topics;

/// <summary>The topics the cluster had at one moment; immutable, swapped whole on refresh.</summary>
public sealed record TopicSnapshot(IReadOnlyDictionary<string, TopicDescription> Topics);
