namespace PinterestPipeline.RestProxy.Topics;

/// <param name="MetadataAvailable">False when the cluster has not answered a metadata request yet.</param>
/// <param name="Topic">The topic, or null when the cluster does not have it.</param>
public readonly record struct TopicLookup(bool MetadataAvailable, TopicDescription? Topic);
