namespace PinterestPipeline.Emitter.Configuration;

/// <summary>Which of API Gateway's two integrations the emitter posts to.</summary>
public enum EmitterTarget
{
    /// <summary>
    /// <c>POST &lt;ApiBaseUrl&gt;/topics/&lt;prefix&gt;.pin|geo|user</c> in the Confluent REST Proxy v2 format
    /// (the course's <c>user_posting_emulation.py</c>).
    /// </summary>
    Topics,

    /// <summary>
    /// <c>PUT &lt;ApiBaseUrl&gt;/streams/streaming-&lt;prefix&gt;-pin|geo|user/record</c>, the body of Kinesis PutRecord as the
    /// course's <c>user_posting_emulation_stream.py</c> sends it.
    /// </summary>
    Streams,
}
