using System.Net;
using Confluent.Kafka;
using PinterestPipeline.RestProxy.Tests.Infrastructure;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.RestProxy.Tests.Streams;

/// <summary>Every error row of the README's /streams table: status, shape, type and the words that say what to do.</summary>
public sealed class StreamsErrorTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task Data_over_1_MiB_is_a_validation_error_and_nothing_is_stored()
    {
        var stream = fixture.CreateStream();
        // A string Data's blob is its JSON literal: 1,048,575 characters plus two quotes is one byte over.
        var tooBig = "\"" + new string('x', 1024 * 1024 - 1) + "\"";
        var justFits = "\"" + new string('x', 1024 * 1024 - 2) + "\"";

        using var refused = await fixture.App.PutAsync($"/streams/{stream}/record", Kinesis.RecordBody(tooBig, "k"));
        using var accepted = await fixture.App.PutAsync($"/streams/{stream}/record", Kinesis.RecordBody(justFits, "k"));

        var message = await Kinesis.AssertErrorAsync(refused, HttpStatusCode.BadRequest, "ValidationException");
        Assert.Equal("1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576", message);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var only = Assert.Single(KafkaReader.Read(fixture.Broker.BootstrapServers, stream, 0, 1));
        Assert.Equal(1024 * 1024, only.Message.Value!.Length);
    }

    [Theory]
    [InlineData("""{"Data":1,"PartitionKey":""}""", "Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1")]
    [InlineData("""{"Data":1}""", "Value null at 'partitionKey' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"PartitionKey":"k"}""", "Value null at 'data' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"Data":null,"PartitionKey":"k"}""", "Value null at 'data' failed to satisfy constraint: Member must not be null")]
    [InlineData("""[1,2]""", "2 validation errors detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null; Value null at 'data' failed to satisfy constraint: Member must not be null")]
    public async Task Missing_or_empty_fields_are_validation_errors(string body, string expected)
    {
        var stream = fixture.CreateStream();

        using var response = await fixture.App.PutAsync($"/streams/{stream}/record", body);

        var message = await Kinesis.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ValidationException");
        Assert.EndsWith(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partition_key_of_256_characters_is_accepted_and_257_refused()
    {
        var stream = fixture.CreateStream();

        using var accepted = await fixture.App.PutAsync($"/streams/{stream}/record", Kinesis.RecordBody("1", new string('é', 256)));
        using var refused = await fixture.App.PutAsync($"/streams/{stream}/record", Kinesis.RecordBody("1", new string('k', 257)));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var message = await Kinesis.AssertErrorAsync(refused, HttpStatusCode.BadRequest, "ValidationException");
        Assert.Contains("at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256", message, StringComparison.Ordinal);
        Assert.True(message.Length < 400, "the message must not echo a long key in full: " + message);
    }

    [Theory]
    [InlineData("""{"Data":{"a":1},"PartitionKey":{}}""", "Start of structure or map found where not expected.")]
    [InlineData("""{"Data":{"a":1},"PartitionKey":[1]}""", "Start of list found where not expected")]
    public async Task A_partition_key_that_is_not_a_scalar_is_a_serialization_error(string body, string expected)
    {
        var stream = fixture.CreateStream();

        using var response = await fixture.App.PutAsync($"/streams/{stream}/record", body);

        Assert.Equal(expected, await Kinesis.AssertErrorAsync(response, HttpStatusCode.BadRequest, "SerializationException"));
    }

    [Theory]
    [InlineData("""{"Data":1,""")]
    [InlineData("""{"Data":1,"PartitionKey":"k"} x""")]
    [InlineData("")]
    [InlineData("{\"Data\":1,\"PartitionKey\":\"\\ud800\"}")]
    public async Task A_body_that_is_not_json_is_api_gateways_400(string body)
    {
        var stream = fixture.CreateStream();

        using var response = await fixture.App.PutAsync($"/streams/{stream}/record", body);

        var message = await Kinesis.AssertGatewayAsync(response, HttpStatusCode.BadRequest, "BadRequestException");
        Assert.StartsWith("Could not parse request body into json: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_payload_limit_is_api_gateways_413()
    {
        var stream = fixture.CreateStream();
        var body = Kinesis.RecordBody("\"" + new string('x', 10 * 1024 * 1024) + "\"", "k");

        using var response = await fixture.App.PutAsync($"/streams/{stream}/record", body);

        Assert.Equal("Request Too Long", await Kinesis.AssertGatewayAsync(response, HttpStatusCode.RequestEntityTooLarge));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/vnd.kafka.json.v2+json")]
    [InlineData("application/x-amz-json-1.1")]
    public async Task A_content_type_without_a_mapping_template_is_api_gateways_415(string contentType)
    {
        var stream = fixture.CreateStream();

        using var response = await fixture.App.PutAsync($"/streams/{stream}/record", Kinesis.RecordBody("1", "k"), contentType);

        Assert.Equal("Unsupported Media Type", await Kinesis.AssertGatewayAsync(response, HttpStatusCode.UnsupportedMediaType));
    }

    [Fact]
    public async Task A_missing_content_type_is_taken_as_json_as_api_gateway_takes_it()
    {
        var stream = fixture.CreateStream();

        using var response = await fixture.App.PutAsync($"/streams/{stream}/record", Kinesis.RecordBody("1", "k"), contentType: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_stream_is_resource_not_found_and_is_never_created()
    {
        var name = UniqueName.For("streaming-missing");

        using var put = await fixture.App.PutAsync($"/streams/{name}/record", Kinesis.RecordBody("1", "k"));
        using var describe = await fixture.Client.GetAsync($"/streams/{name}");

        Assert.Equal($"Stream {name} under account 000000000000 not found.", await Kinesis.AssertErrorAsync(put, HttpStatusCode.BadRequest, "ResourceNotFoundException"));
        await Kinesis.AssertErrorAsync(describe, HttpStatusCode.BadRequest, "ResourceNotFoundException");
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = fixture.Broker.BootstrapServers }).Build();
        // All topics' metadata: asking for the one topic would make the mock broker create it.
        Assert.DoesNotContain(admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics, t => t.Topic == name);
    }

    [Fact]
    public async Task A_topic_outside_the_stream_rule_is_not_a_stream()
    {
        var topic = fixture.CreateTopic();

        using var response = await fixture.App.PutAsync($"/streams/{topic}/record", Kinesis.RecordBody("1", "k"));

        Assert.Equal($"Stream {topic} under account 000000000000 not found.", await Kinesis.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ResourceNotFoundException"));
    }

    [Fact]
    public async Task An_invalid_stream_name_is_a_validation_error()
    {
        using var response = await fixture.App.PutAsync("/streams/bad%20name/record", Kinesis.RecordBody("1", "k"));

        var message = await Kinesis.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ValidationException");
        Assert.Equal("1 validation error detected: Value 'bad name' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+", message);
    }
}
