using System.Globalization;
using Confluent.Kafka;
using PinterestPipeline.RestProxy.Protocol;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.RestProxy.Produce;

/// <summary>Collects the delivery reports of one request's records, in request order.</summary>
public sealed class ProduceBatch
{
    private readonly PartitionOffset?[] results;
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int pending;

    public ProduceBatch(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        results = new PartitionOffset?[count];
        pending = count;
    }

    /// <summary>The delivery handler of record <paramref name="index"/>; it runs on librdkafka's poll thread.</summary>
    public Action<DeliveryReport<byte[]?, byte[]?>> HandlerFor(int index) => report =>
        Complete(index, report.Error.IsError
            ? Failure(report.Error)
            : new PartitionOffset(report.Partition.Value, report.Offset.Value, null, null));

    /// <summary>Record <paramref name="index"/> never reached the producer's queue.</summary>
    public void Fail(int index, Error error) => Complete(index, Failure(error));

    /// <summary>
    /// Waits for every report. librdkafka reports every record within its message timeout; the
    /// <paramref name="deadline"/> only guards the response against a report that never comes.
    /// </summary>
    public async Task<PartitionOffset[]> WaitAsync(TimeSpan deadline, TimeProvider time)
    {
        try
        {
            await done.Task.WaitAsync(deadline, time);
        }
        catch (TimeoutException)
        {
            var missing = new PartitionOffset(null, null, ErrorCodes.KafkaRetriableError,
                string.Create(CultureInfo.InvariantCulture, $"No delivery report within {deadline.TotalSeconds:0.#} s."));
            for (var i = 0; i < results.Length; i++)
            {
                Complete(i, missing);
            }
        }

        var copy = new PartitionOffset[results.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Volatile.Read(ref results[i])!;
        }

        return copy;
    }

    private static PartitionOffset Failure(Error error) =>
        new(null, null, KafkaErrorClassifier.Classify(error), error.Reason);

    private void Complete(int index, PartitionOffset result)
    {
        if (Interlocked.CompareExchange(ref results[index], result, null) is null &&
            Interlocked.Decrement(ref pending) == 0)
        {
            done.TrySetResult();
        }
    }
}
