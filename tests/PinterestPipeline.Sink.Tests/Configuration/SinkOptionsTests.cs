using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PinterestPipeline.Sink.Configuration;
using PinterestPipeline.Sink.Consuming;
using PinterestPipeline.Sink.Tests.Infrastructure;

namespace PinterestPipeline.Sink.Tests.Configuration;

public sealed class SinkOptionsTests
{
    [Fact]
    public void Defaults_follow_the_connector_and_the_pipeline_prefix()
    {
        var options = Resolve(new() { ["Pipeline:TopicPrefix"] = "0ab336d6fcf7" });

        Assert.Equal("^0ab336d6fcf7\\..*$", options.TopicsRegex);
        Assert.Equal("connect-sink", options.GroupId);
        Assert.Equal(1, options.FlushSize);
        Assert.Equal("topics", options.TopicsDir);
        Assert.Equal(ErrorsTolerance.None, options.ErrorsTolerance);
        Assert.Equal("connect-pinterest-s3", SinkOptionsDefaults.GroupId(Configuration(new() { ["Sink:ConnectorName"] = "pinterest-s3" })));
    }

    [Theory]
    [InlineData("Sink:LocalPath", null, "set Sink:LocalPath")]
    [InlineData("Pipeline:TopicPrefix", null, "Set Sink:TopicsRegex")]
    [InlineData("Sink:FlushSize", "0", "Sink:FlushSize must be at least 1")]
    [InlineData("Sink:RotateIntervalMs", "0", "Sink:RotateIntervalMs must be a positive number")]
    [InlineData("Sink:TopicsDir", "/topics", "Sink:TopicsDir must be a relative folder")]
    [InlineData("Sink:Storage", "S3", "set Sink:S3:BucketName")]
    [InlineData("Sink:TopicsRegex", "([", "is not a valid regular expression")]
    public async Task A_bad_setting_stops_the_start_with_a_message_naming_it(string key, string? value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = "127.0.0.1:1",
            ["Pipeline:TopicPrefix"] = "p",
            ["Sink:LocalPath"] = "bucket",
            [key] = value,
        };

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => SinkHost.StartAsync(settings));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("^0ab336d6fcf7\\..*$", "^0ab336d6fcf7\\..*$")]
    [InlineData("0ab336d6fcf7.*", "^(0ab336d6fcf7.*)$")]
    [InlineData("^a|^b", "^(^a|^b)$")]
    public void Topics_regex_matches_whole_topic_names_as_in_Kafka_Connect(string topicsRegex, string subscription) =>
        Assert.Equal(subscription, TopicSubscription.From(topicsRegex));

    [Fact]
    public void Object_keys_follow_the_default_partitioner() =>
        Assert.Equal(
            "topics/0ab336d6fcf7.pin/partition=0/0ab336d6fcf7.pin+0+0000000042.json",
            ObjectKeys.For("topics", "0ab336d6fcf7.pin", 0, 42, "json"));

    private static SinkOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = Configuration(settings);
        var options = configuration.GetSection(SinkOptions.SectionName).Get<SinkOptions>() ?? new SinkOptions();
        new SinkOptionsDefaults(configuration).PostConfigure(null, options);
        return options;
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
