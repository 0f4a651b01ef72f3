using System.Net;
using System.Text.Json;

namespace PinterestPipeline.Emitter.Posting;

/// <summary>The classified answer to one HTTP attempt.</summary>
public sealed record PostAttempt(int StatusCode, PostAttemptKind Kind, string? Detail)
{
    /// <summary>Longest response text kept for logs.</summary>
    public const int MaxDetailLength = 2000;

    public static PostAttempt Classify(HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return ClassifyRecords(code, body);
        }

        var kind = status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || code >= 500
            ? PostAttemptKind.Retryable
            : PostAttemptKind.Rejected;
        return new PostAttempt(code, kind, Truncate(body));
    }

    private static PostAttempt ClassifyRecords(int code, string body)
    {
        ProduceResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(body, PostingJsonContext.Default.ProduceResponse);
        }
        catch (JsonException)
        {
            // A 2xx means the request was taken; only a readable per-record error can say otherwise.
            return new PostAttempt(code, PostAttemptKind.Ok, null);
        }

        var failed = response?.Offsets?.FirstOrDefault(o => o.ErrorCode is not null);
        if (failed is null)
        {
            return new PostAttempt(code, PostAttemptKind.Ok, null);
        }

        var detail = Truncate($"error_code {failed.ErrorCode}: {failed.Error}");
        return failed.ErrorCode is >= 50000 and <= 50009
            ? new PostAttempt(code, PostAttemptKind.Retryable, detail)
            : new PostAttempt(code, PostAttemptKind.Rejected, detail);
    }

    private static string Truncate(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";
}
