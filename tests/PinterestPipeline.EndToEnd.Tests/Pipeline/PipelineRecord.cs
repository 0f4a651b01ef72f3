namespace PinterestPipeline.EndToEnd.Tests.Pipeline;

/// <summary>A record read back from a pipeline topic, with the W3C trace context its headers carry.</summary>
internal sealed record PipelineRecord(string Topic, long Offset, byte[] Value, string TraceId, string ParentSpanId)
{
    /// <summary>Splits <c>00-&lt;trace id&gt;-&lt;span id&gt;-&lt;flags&gt;</c>; an absent or malformed header fails the test.</summary>
    public static (string TraceId, string SpanId) ParseTraceParent(string? traceParent)
    {
        var parts = traceParent?.Split('-');
        Assert.True(parts is [ "00", { Length: 32 }, { Length: 16 }, { Length: 2 } ], $"traceparent '{traceParent}' is not a W3C version 00 value.");
        return (parts[1], parts[2]);
    }

    public override string ToString() => $"{Topic}@{Offset} trace {TraceId}";
}
