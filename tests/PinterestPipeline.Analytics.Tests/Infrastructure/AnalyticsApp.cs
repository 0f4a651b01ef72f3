using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Analytics;

namespace PinterestPipeline.Analytics.Tests.Infrastructure;

/// <summary>The analytics service in-process over a <see cref="TestBucket"/>, with optional extra settings and services.</summary>
internal sealed class AnalyticsApp(TestBucket bucket, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);

    public static Dictionary<string, string?> Settings(TestBucket bucket) => new()
    {
        ["Pipeline:TopicPrefix"] = bucket.TopicPrefix,
        ["Analytics:Storage"] = "Local",
        ["Analytics:LocalPath"] = bucket.BucketPath,
        ["Analytics:WarehousePath"] = bucket.WarehousePath,
    };

    /// <summary>Starts a run through the API and waits until it has ended; returns its record (with its answers).</summary>
    public async Task<JsonElement> RunAsync()
    {
        using var client = CreateClient();
        using var response = await client.PostAsync("/api/batch/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        return await WaitForRunAsync(id);
    }

    public async Task<JsonElement> WaitForRunAsync(long id)
    {
        using var client = CreateClient();
        return await Eventually.ReachedAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/api/batch/runs/{id}"), run => run.GetProperty("status").GetString() != "Running", RunLimit,
            $"Batch run {id} was still running after {RunLimit}.", TimeSpan.FromMilliseconds(50));
    }

    /// <summary>A succeeded run's answer to a query as canonical rows (<see cref="ExpectedAnswers.Row"/>).</summary>
    public async Task<List<string>> AnswerAsync(string queryId, string run = "latest")
    {
        using var client = CreateClient();
        var rows = await client.GetFromJsonAsync<JsonElement>($"/api/batch/runs/{run}/queries/{queryId}");
        return [.. rows.EnumerateArray().Select(row => string.Join('|', row.EnumerateObject().Select(p => p.Value.ValueKind switch
        {
            JsonValueKind.String => p.Value.GetString(),
            JsonValueKind.Null => "null",
            _ => p.Value.GetRawText(),
        })))];
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings ?? Settings(bucket))
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }
}
