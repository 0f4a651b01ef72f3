using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Emitter.Source;

/// <summary>One table's row at an event's offset, already serialized as the JSON object that becomes the record value.</summary>
public sealed record SourceRow(SourceTable Table, ReadOnlyMemory<byte> Json);
