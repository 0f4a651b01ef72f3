using PinterestPipeline.Analytics.Bucket;

namespace PinterestPipeline.Analytics.Tests.Infrastructure;

/// <summary>The real local bucket, whose reads wait until the test opens the gate: a run that stays running while the test looks.</summary>
internal sealed class GatedBucketReader(string root) : IBucketReader
{
    private readonly LocalBucketReader inner = new(root);
    private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Location => inner.Location;

    public void Open() => gate.TrySetResult();

    public Task<IReadOnlyList<int>> ListPartitionsAsync(string topicFolder, CancellationToken cancellationToken) =>
        inner.ListPartitionsAsync(topicFolder, cancellationToken);

    public Task<IReadOnlyList<string>> ListAsync(string partitionFolder, string? startAfter, CancellationToken cancellationToken) =>
        inner.ListAsync(partitionFolder, startAfter, cancellationToken);

    public async Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken)
    {
        await gate.Task.WaitAsync(cancellationToken);
        return await inner.ReadAsync(key, cancellationToken);
    }
}
