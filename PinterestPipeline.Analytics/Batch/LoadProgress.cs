namespace PinterestPipeline.Analytics.Batch;

/// <summary>What a run has committed so far; a failed run's record shows it too.</summary>
internal sealed class LoadProgress
{
    public long ObjectsRead { get; set; }

    public long RecordsRead { get; set; }

    public long Rejected { get; set; }

    public long PinAdded { get; set; }

    public long GeoAdded { get; set; }

    public long UserAdded { get; set; }

    public TableCounts Added => new(PinAdded, GeoAdded, UserAdded);
}
