namespace PinterestPipeline.RestProxy.Produce;

/// <summary>One record of a produce request, as the bytes that go to Kafka.</summary>
public readonly record struct ProduceRecord(byte[]? Key, byte[]? Value, int? Partition);
