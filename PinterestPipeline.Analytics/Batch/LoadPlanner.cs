using PinterestPipeline.Analytics.Bucket;
using PinterestPipeline.Analytics.Cleaning;

namespace PinterestPipeline.Analytics.Batch;

/// <summary>
/// Finds the objects a run has not loaded: per partition, the keys after the partition's watermark (the last key a
/// commit loaded). Objects of a partition appear in key order (the sink writes a partition's objects one after the
/// other), but a listing taken while the sink writes may show a new object and miss an older one that appeared during
/// the listing. So each partition is listed twice, and a run takes from the second listing only keys up to the
/// highest of the first: every one of those was complete before the second listing began, so none is ever skipped.
/// </summary>
internal sealed class LoadPlanner(IBucketReader bucket, string topicsDir, string topicPrefix)
{
    /// <summary>Names in partition folders that are not sink objects (counted, never loaded).</summary>
    public int Ignored { get; private set; }

    /// <param name="watermarks">The last loaded key of each (topic, partition).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The objects to load, by table, topic, partition and key.</returns>
    public async Task<List<BucketObject>> PlanAsync(IReadOnlyDictionary<(string Topic, int Partition), string> watermarks, CancellationToken cancellationToken)
    {
        var plan = new List<BucketObject>();
        foreach (var table in TableCleaning.All)
        {
            var topic = table.Topic(topicPrefix);
            foreach (var partition in await bucket.ListPartitionsAsync($"{topicsDir}/{topic}/", cancellationToken))
            {
                var folder = ObjectKeys.PartitionFolder(topicsDir, topic, partition);
                var watermark = watermarks.GetValueOrDefault((topic, partition));
                var first = await bucket.ListAsync(folder, watermark, cancellationToken);
                var highest = first.LastOrDefault(key => Parse(key, folder, topic, partition) is not null);
                if (highest is null)
                {
                    Ignored += first.Count;
                    continue;
                }

                foreach (var key in await bucket.ListAsync(folder, watermark, cancellationToken))
                {
                    if (string.CompareOrdinal(key, highest) > 0)
                    {
                        break;
                    }

                    if (Parse(key, folder, topic, partition) is { } offset)
                    {
                        plan.Add(new BucketObject(key, table, topic, partition, offset));
                    }
                    else
                    {
                        Ignored++;
                    }
                }
            }
        }

        return plan;
    }

    private static long? Parse(string key, string folder, string topic, int partition) =>
        ObjectKeys.TryParseObjectName(key[folder.Length..], topic, partition, "json", out var offset) ? offset : null;
}
