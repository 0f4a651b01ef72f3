namespace PinterestPipeline.TestSupport.Otlp;

/// <summary>
/// One exported span: ids as lowercase hex (empty parent for a root span), kind as OTLP numbers it (1 internal to 5
/// consumer), and the spans it links to.
/// </summary>
public sealed record OtlpSpan(
    string Service,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    int Kind,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<OtlpLink> Links)
{
    public const int Internal = 1;
    public const int Server = 2;
    public const int Client = 3;
    public const int Producer = 4;
    public const int Consumer = 5;

    public override string ToString() => $"{Service} {Name} (kind {Kind}) trace {TraceId} span {SpanId} parent {ParentSpanId}";
}

/// <summary>A span's link to another span (of any trace), ids as lowercase hex.</summary>
public sealed record OtlpLink(string TraceId, string SpanId);
