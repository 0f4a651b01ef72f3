namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>
/// A request the stub proxy received: <see cref="Number"/> counts from 1 over all destinations, <see cref="Topic"/> is the
/// topic or stream it was sent to.
/// </summary>
internal sealed record StubRequest(int Number, string Method, string Topic, string Body, string? ContentType, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The trace id of the <c>traceparent</c> header: one per emitted event.</summary>
    public string TraceId => Headers["traceparent"].Split('-')[1];
}
