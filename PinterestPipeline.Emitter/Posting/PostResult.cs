namespace PinterestPipeline.Emitter.Posting;

/// <summary>
/// The end of one request: its topic or stream, outcome, the last HTTP status (null when no response came), attempts
/// made, why it failed, and where the record landed.
/// </summary>
public sealed record PostResult(string Destination, PostOutcome Outcome, int? StatusCode, int Attempts, string? Detail, RecordPosition? Position)
{
    /// <summary>Why a request did not succeed, as the logs and the final line say it (<see cref="Describe"/>).</summary>
    public string Reason => Describe(StatusCode, Detail);

    /// <summary><c>HTTP 404: {"error_code":40401,...}</c>, or <c>no response: Connection refused (127.0.0.1:8082)</c>.</summary>
    public static string Describe(int? statusCode, string? detail) =>
        statusCode is { } status ? $"HTTP {status}: {detail}" : $"no response: {detail}";
}
