using PinterestPipeline.Analytics.Bucket;

namespace PinterestPipeline.Analytics.Tests.Page;

/// <summary>
/// The real bucket reader, with a gate before a run lists the bucket: while held, a run stays <c>Running</c>, so a
/// test can see the page show it (and a second "Run now" refused) without racing the run's end.
/// </summary>
internal sealed class HoldableBucketReader(IBucketReader inner) : IBucketReader
{
    private volatile TaskCompletionSource gate = Open();

    public string Location => inner.Location;

    public void Hold() => gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => gate.TrySetResult();

    public async Task<IReadOnlyList<int>> ListPartitionsAsync(string topicFolder, CancellationToken cancellationToken)
    {
        await gate.Task.WaitAsync(cancellationToken);
        return await inner.ListPartitionsAsync(topicFolder, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListAsync(string partitionFolder, string? startAfter, CancellationToken cancellationToken) =>
        inner.ListAsync(partitionFolder, startAfter, cancellationToken);

    public Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
