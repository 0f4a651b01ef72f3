namespace PinterestPipeline.Analytics.Queries;

/// <summary>One of the course's questions: its id (REFERENCE §6), the question, the output columns and its SQL file.</summary>
public sealed record BatchQuery(string Id, string Question, IReadOnlyList<string> Columns)
{
    /// <summary>The SQL as shipped in <c>Queries/sql/&lt;id&gt;.sql</c> (embedded, and copied next to the service).</summary>
    public string Sql => QueryCatalog.SqlOf(Id);
}
