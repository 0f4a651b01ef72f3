using PinterestPipeline.Analytics.Cleaning;

namespace PinterestPipeline.Analytics.Batch;

/// <summary>An object of the bucket that a run will load: its key names the topic, the partition and its first offset.</summary>
internal sealed record BucketObject(string Key, TableCleaning Table, string Topic, int Partition, long StartOffset);

/// <summary>A record of an object that could not be loaded, kept aside in <c>batch_rejected</c> with the reason.</summary>
internal sealed record RejectedRecord(string ObjectKey, int Line, string Reason, string Value);
