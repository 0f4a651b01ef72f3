using System.Net;
using PinterestPipeline.RestProxy.Tests.Infrastructure;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;

namespace PinterestPipeline.RestProxy.Tests.Streams;

/// <summary>The status a Kinesis error reaches the client with, in each integration-responses setting.</summary>
public sealed class IntegrationResponsesTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    [Fact]
    public async Task By_default_kinesis_client_errors_are_400()
    {
        await using var app = new RestProxyApp(kafka.BootstrapServers);

        using var response = await app.PutAsync($"/streams/{UniqueName.For("streaming-missing")}/record", Kinesis.RecordBody("1", "k"));

        await Kinesis.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ResourceNotFoundException");
    }

    [Fact]
    public async Task The_tutorial_as_written_answers_kinesis_errors_with_200_except_on_delete_and_keeps_gateway_errors()
    {
        await using var app = new RestProxyApp(kafka.BootstrapServers, new Dictionary<string, string?> { ["RestProxy:Streams:IntegrationResponses"] = "Tutorial" });
        var client = app.CreateClient();
        var missing = UniqueName.For("streaming-missing");

        using var put = await app.PutAsync($"/streams/{missing}/record", Kinesis.RecordBody("1", "k"));
        using var describe = await client.GetAsync($"/streams/{missing}");
        using var delete = await client.DeleteAsync($"/streams/{missing}");
        using var notJson = await app.PutAsync($"/streams/{missing}/record", "{");

        await Kinesis.AssertErrorAsync(put, HttpStatusCode.OK, "ResourceNotFoundException");
        await Kinesis.AssertErrorAsync(describe, HttpStatusCode.OK, "ResourceNotFoundException");
        await Kinesis.AssertErrorAsync(delete, HttpStatusCode.BadRequest, "ResourceNotFoundException");
        await Kinesis.AssertGatewayAsync(notJson, HttpStatusCode.BadRequest, "BadRequestException");
    }
}
