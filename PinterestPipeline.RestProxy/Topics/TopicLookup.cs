namespace PinterestPipeline.RestProxy.Topics;

/// <param name="MetadataAvailable">False when the cluster did not answer the metadata request the lookup needed.</param>
/// <param name="Topic">The topic, or null when the cluster does not have it.</param>
public readonly record struct TopicLookup(bool MetadataAvailable, TopicDescription? Topic);
