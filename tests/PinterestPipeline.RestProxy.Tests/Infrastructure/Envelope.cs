using System.Net;
using System.Text.Json;

namespace PinterestPipeline.RestProxy.Tests.Infrastructure;

public static class Envelope
{
    /// <summary>Asserts the status and Confluent's error envelope, and returns its message.</summary>
    public static async Task<string> AssertAsync(HttpResponseMessage response, HttpStatusCode status, int errorCode)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/vnd.kafka.v2+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(errorCode, document.RootElement.GetProperty("error_code").GetInt32());
        var message = document.RootElement.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }
}
