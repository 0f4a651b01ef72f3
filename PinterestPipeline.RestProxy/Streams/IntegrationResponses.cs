namespace PinterestPipeline.RestProxy.Streams;

/// <summary>Which HTTP status a Kinesis error reaches the client with, as API Gateway's integration responses decide it.</summary>
public enum IntegrationResponses
{
    /// <summary>
    /// Integration responses <c>4\d{2}</c> → 400 and <c>5\d{2}</c> → 500 on every method (the AWS tutorial gives
    /// its <c>DELETE</c> method these), so a client sees Kinesis's own status: 400 for client errors, 500 for
    /// internal failures.
    /// </summary>
    ByStatus,

    /// <summary>
    /// The tutorial as written: only a default (200) integration response, so a Kinesis error arrives as HTTP 200
    /// with the Kinesis error body; <c>DELETE</c> keeps its 400/500 mappings.
    /// </summary>
    Tutorial,
}
