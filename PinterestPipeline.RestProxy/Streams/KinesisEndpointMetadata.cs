namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// Marks the <c>/streams</c> endpoints, whose errors take API Gateway's and Kinesis's shapes rather than
/// Confluent's <c>{"error_code", "message"}</c> (the API key check and the unhandled-error answer read it).
/// </summary>
public sealed class KinesisEndpointMetadata
{
    public static readonly KinesisEndpointMetadata Instance = new();

    private KinesisEndpointMetadata()
    {
    }
}
