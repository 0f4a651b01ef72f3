namespace PinterestPipeline.TestSupport.Otlp;

/// <summary>One exported log record; <see cref="Severity"/> is the OTLP severity number (17..20 are ERROR, 21..24 FATAL).</summary>
public sealed record OtlpLogRecord(string Service, int Severity, string SeverityText, string Body, string Category)
{
    public const int MinErrorSeverity = 17;

    public override string ToString() => $"{Service} {SeverityText}({Severity}) {Category}: {Body}";
}
