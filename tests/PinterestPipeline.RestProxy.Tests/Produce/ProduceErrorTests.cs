using System.Diagnostics;
using System.Net;
using Confluent.Kafka;
using PinterestPipeline.RestProxy.Tests.Infrastructure;

namespace PinterestPipeline.RestProxy.Tests.Produce;

public sealed class ProduceErrorTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Theory]
    [InlineData("{\"records\":[{\"value\":1}")]
    [InlineData("{\"records\":[{\"value\":tru}]}")]
    [InlineData("{'records':[]}")]
    [InlineData("{\"records\":[{\"value\":1}]} trailing")]
    [InlineData("")]
    public async Task Malformed_json_is_400(string body)
    {
        var topic = fixture.CreateTopic();
        using var response = await fixture.App.PostAsync($"/topics/{topic}", body);
        var message = await Envelope.AssertAsync(response, HttpStatusCode.BadRequest, 400);
        Assert.StartsWith("Bad Request", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"records\":[]}")]
    [InlineData("{\"records\":null}")]
    public async Task Missing_or_empty_records_is_422(string body)
    {
        var topic = fixture.CreateTopic();
        using var response = await fixture.App.PostAsync($"/topics/{topic}", body);
        Assert.Equal("records must not be empty", await Envelope.AssertAsync(response, HttpStatusCode.UnprocessableEntity, 422));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"records\":{}}")]
    [InlineData("{\"records\":[1]}")]
    [InlineData("{\"records\":[{\"value\":1,\"partition\":\"0\"}]}")]
    [InlineData("{\"records\":[{\"value\":1,\"partition\":-1}]}")]
    [InlineData("{\"records\":[{\"value\":1,\"partition\":1.5}]}")]
    [InlineData("{\"records\":[{\"vlaue\":1}]}")]
    [InlineData("{\"record\":[{\"value\":1}]}")]
    public async Task Wrong_shapes_and_unknown_fields_are_422(string body)
    {
        var topic = fixture.CreateTopic();
        using var response = await fixture.App.PostAsync($"/topics/{topic}", body);
        await Envelope.AssertAsync(response, HttpStatusCode.UnprocessableEntity, 422);
    }

    [Theory]
    [InlineData("{\"records\":[{\"value\":\"not base64!\"}]}")]
    [InlineData("{\"records\":[{\"key\":\"AQ=\",\"value\":\"AQ==\"}]}")]
    public async Task Bad_base64_is_400(string body)
    {
        var topic = fixture.CreateTopic();
        using var response = await fixture.App.PostAsync($"/topics/{topic}", body, RestProxyApp.Binary);
        Assert.Contains("base64", await Envelope.AssertAsync(response, HttpStatusCode.BadRequest, 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_topic_is_40401_quickly_and_is_not_created()
    {
        var topic = PinterestPipeline.TestSupport.UniqueName.For("missing");
        var watch = Stopwatch.StartNew();

        using var response = await fixture.App.PostAsync($"/topics/{topic}", """{"records":[{"value":1}]}""").WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("Topic not found.", await Envelope.AssertAsync(response, HttpStatusCode.NotFound, 40401));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the answer took {watch.Elapsed}: it must never wait like Confluent's proxy (60 s)");
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = fixture.Broker.BootstrapServers }).Build();
        Assert.DoesNotContain(admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics, t => t.Topic == topic);
    }

    [Fact]
    public async Task A_topic_created_after_start_is_found()
    {
        using (await fixture.App.PostAsync($"/topics/{fixture.CreateTopic()}", """{"records":[{"value":1}]}"""))
        {
        }

        var topic = fixture.CreateTopic();
        using var response = await fixture.App.PostAsync($"/topics/{topic}", """{"records":[{"value":1}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/partitions/2", "{\"records\":[{\"value\":1}]}")]
    [InlineData("/partitions/99999999999", "{\"records\":[{\"value\":1}]}")]
    [InlineData("/partitions/x", "{\"records\":[{\"value\":1}]}")]
    [InlineData("", "{\"records\":[{\"value\":1,\"partition\":0},{\"value\":1,\"partition\":2}]}")]
    public async Task Unknown_partition_is_40402_quickly(string pathSuffix, string body)
    {
        var topic = fixture.CreateTopic(partitions: 2);
        var watch = Stopwatch.StartNew();

        using var response = await fixture.App.PostAsync($"/topics/{topic}{pathSuffix}", body).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("Partition not found.", await Envelope.AssertAsync(response, HttpStatusCode.NotFound, 40402));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the answer took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("bad%20name")]
    [InlineData("x%3Fy")]
    [InlineData("caf%C3%A9")]
    [InlineData("a%2Fb")]
    public async Task Invalid_topic_names_are_rejected(string topic)
    {
        using var response = await fixture.App.PostAsync($"/topics/{topic}", """{"records":[{"value":1}]}""");
        Assert.Contains("topic name", await Envelope.AssertAsync(response, HttpStatusCode.BadRequest, 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overlong_topic_name_is_rejected()
    {
        using var response = await fixture.App.PostAsync($"/topics/{new string('t', 250)}", """{"records":[{"value":1}]}""");
        await Envelope.AssertAsync(response, HttpStatusCode.BadRequest, 400);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/vnd.kafka.v2+json")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Other_content_types_are_415(string? contentType)
    {
        var topic = fixture.CreateTopic();
        using var response = await fixture.App.PostAsync($"/topics/{topic}", """{"records":[{"value":1}]}""", contentType);
        Assert.Equal("HTTP 415 Unsupported Media Type", await Envelope.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, 415));
    }

    [Theory]
    [InlineData("application/vnd.kafka.avro.v2+json")]
    [InlineData("application/vnd.kafka.jsonschema.v2+json")]
    [InlineData("application/vnd.kafka.protobuf.v2+json")]
    public async Task Schema_registry_types_say_what_is_supported(string contentType)
    {
        var topic = fixture.CreateTopic();
        using var response = await fixture.App.PostAsync($"/topics/{topic}", """{"value_schema_id":1,"records":[{"value":1}]}""", contentType);
        var message = await Envelope.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, 415);
        Assert.Contains("schema registry", message, StringComparison.Ordinal);
        Assert.Contains(RestProxyApp.Json, message, StringComparison.Ordinal);
        Assert.Contains(RestProxyApp.Binary, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/vnd.kafka.json.v2+json; charset=utf-8")]
    [InlineData("APPLICATION/VND.KAFKA.JSON.V2+JSON")]
    public async Task Content_type_parameters_and_case_do_not_matter(string contentType)
    {
        var topic = fixture.CreateTopic();
        using var response = await fixture.App.PostAsync($"/topics/{topic}", """{"records":[{"value":1}]}""", contentType);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("application/*")]
    [InlineData("application/json")]
    [InlineData("application/vnd.kafka.v2+json")]
    [InlineData("application/vnd.kafka+json")]
    [InlineData("application/vnd.kafka.v2+json, application/vnd.kafka+json; q=0.9, application/json; q=0.5")]
    [InlineData("text/html, */*; q=0.1")]
    public async Task Acceptable_accept_headers_get_the_v2_media_type(string? accept)
    {
        var topic = fixture.CreateTopic();
        using var request = RestProxyApp.Post($"/topics/{topic}", """{"records":[{"value":1}]}""");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.kafka.v2+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("application/json; q=0")]
    public async Task Unacceptable_accept_headers_are_406(string accept)
    {
        var topic = fixture.CreateTopic();
        using var request = RestProxyApp.Post($"/topics/{topic}", """{"records":[{"value":1}]}""");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal("HTTP 406 Not Acceptable", await Envelope.AssertAsync(response, HttpStatusCode.NotAcceptable, 406));
    }

    [Fact]
    public async Task A_record_larger_than_the_broker_accepts_fails_alone_with_50002()
    {
        var topic = fixture.CreateTopic();
        var huge = new string('x', 2_000_000);

        using var response = await fixture.App.PostAsync($"/topics/{topic}", $$"""{"records":[{"value":1},{"value":"{{huge}}"},{"value":3}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var offsets = document.RootElement.GetProperty("offsets");
        Assert.Equal(0, offsets[0].GetProperty("partition").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, offsets[1].GetProperty("partition").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, offsets[1].GetProperty("offset").ValueKind);
        Assert.Equal(50002, offsets[1].GetProperty("error_code").GetInt32());
        Assert.False(string.IsNullOrEmpty(offsets[1].GetProperty("error").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, offsets[2].GetProperty("error_code").ValueKind);
    }
}
