using System.Net;
using System.Net.Http.Headers;
using PinterestPipeline.Emitter.Source;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Emitter.Posting;

/// <summary>
/// One of API Gateway's integrations as the emitter speaks to it: where each table's rows go, the request that carries a
/// row, the JSON dialect rows are written in, and what an answer means. <see cref="RestProxyClient"/> does the sending
/// and retrying the same way for both.
/// </summary>
public interface IPostTarget
{
    /// <summary>The destinations for the start-up log line, e.g. <c>topics 0ab336d6fcf7.pin|geo|user</c>.</summary>
    string Description { get; }

    HttpMethod Method { get; }

    MediaTypeHeaderValue ContentType { get; }

    /// <summary>The topic or stream of <paramref name="table"/>'s rows.</summary>
    string DestinationFor(SourceTable table);

    /// <summary>The URL for <paramref name="destination"/>; a stage path in the base URL (API Gateway's <c>/test</c>) is kept.</summary>
    Uri UriFor(string destination);

    /// <summary>A writer for rows in this target's JSON dialect (see <see cref="SourceRowReader"/>).</summary>
    IRowJsonWriter CreateRowWriter();

    /// <summary>The request body that carries <paramref name="row"/> to <paramref name="destination"/>.</summary>
    byte[] Body(SourceRow row, string destination);

    /// <summary>What an HTTP answer means: written, worth a retry, or refused.</summary>
    PostAttempt Classify(HttpStatusCode status, string body);
}
