using PinterestPipeline.Analytics.Cleaning;
using PinterestPipeline.Analytics.Warehouse;

namespace PinterestPipeline.Analytics.Batch;

/// <summary>
/// The records of one object, parsed and cleaned: one JSON value per line (one line with the course's
/// <c>flush.size=1</c>), each either a cleaned row with its hash or a rejected record with the reason.
/// </summary>
internal sealed class CleanedObject
{
    private const int MaxKeptValueLength = 4096;

    private CleanedObject(BucketObject source) => Source = source;

    public BucketObject Source { get; }

    public int Records { get; private set; }

    public List<(object Row, UInt128 Hash)> Rows { get; } = [];

    public List<RejectedRecord> Rejected { get; } = [];

    public static CleanedObject From(BucketObject source, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(source);
        var cleaned = new CleanedObject(source);
        var line = 0;
        while (!content.IsEmpty)
        {
            var end = content.IndexOf((byte)'\n');
            var text = end < 0 ? content : content[..end];
            content = end < 0 ? [] : content[(end + 1)..];
            line++;
            if (text.TrimEnd((byte)'\r').Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            cleaned.Records++;
            cleaned.Add(text.TrimEnd((byte)'\r'), line);
        }

        return cleaned;
    }

    private void Add(ReadOnlySpan<byte> json, int line)
    {
        var table = Source.Table;
        var values = SourceRecordParser.Parse(json, table, out var reason);
        if (values is null)
        {
            var text = System.Text.Encoding.UTF8.GetString(json.Length > MaxKeptValueLength ? json[..MaxKeptValueLength] : json);
            Rejected.Add(new RejectedRecord(Source.Key, line, reason!, text));
            return;
        }

        var row = table.Clean(values);
        Rows.Add((row, RowHash.Of(row)));
    }
}
