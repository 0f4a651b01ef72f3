namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>What the stub proxy answers, optionally after a pause.</summary>
internal sealed record StubResponse(int Status, string Body, TimeSpan Delay = default)
{
    public static StubResponse Ok(int offset = 0) =>
        new(200, $$"""{"offsets":[{"partition":0,"offset":{{offset}},"error_code":null,"error":null}],"key_schema_id":null,"value_schema_id":null}""");

    public static StubResponse RecordError(int code, string error) =>
        new(200, $$"""{"offsets":[{"partition":null,"offset":null,"error_code":{{code}},"error":"{{error}}"}],"key_schema_id":null,"value_schema_id":null}""");

    public static StubResponse Error(int status, int code, string message) =>
        new(status, $$"""{"error_code":{{code}},"message":"{{message}}"}""");

    /// <summary>Kinesis PutRecord's answer as API Gateway passes it through.</summary>
    public static StubResponse PutRecord(int sequence) =>
        new(200, $$"""{"SequenceNumber":"{{sequence}}","ShardId":"shardId-000000000000"}""");

    public static StubResponse KinesisError(int status, string type, string message) =>
        new(status, $$"""{"__type":"{{type}}","message":"{{message}}"}""");
}
