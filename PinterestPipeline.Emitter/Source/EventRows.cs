using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Emitter.Source;

/// <summary>The rows at one offset, in <see cref="SourceTable.All"/> order, and the tables that had no row there.</summary>
public sealed record EventRows(long Offset, IReadOnlyList<SourceRow> Rows, IReadOnlyList<SourceTable> MissingIn)
{
    public bool IsComplete => MissingIn.Count == 0;
}
