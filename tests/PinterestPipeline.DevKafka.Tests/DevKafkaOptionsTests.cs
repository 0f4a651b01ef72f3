using PinterestPipeline.DevKafka.Broker;

namespace PinterestPipeline.DevKafka.Tests;

public sealed class DevKafkaOptionsTests
{
    [Fact]
    public void Defaults_to_port_9092_and_no_topics()
    {
        var options = DevKafkaOptions.Parse([]);

        Assert.Equal(9092, options.Port);
        Assert.Empty(options.Topics);
    }

    [Fact]
    public void Parses_ports_and_repeated_topics_in_both_spellings()
    {
        var options = DevKafkaOptions.Parse(["--port", "0", "--topic", "a:3", "--topic=b", "--topic", "x.pin"]);

        Assert.Equal(0, options.Port);
        Assert.Equal([new TopicSpec("a", 3), new TopicSpec("b", 1), new TopicSpec("x.pin", 1)], options.Topics);
    }

    [Theory]
    [InlineData("--port", "70000")]
    [InlineData("--port", "-1")]
    [InlineData("--port")]
    [InlineData("--topic", "a:")]
    [InlineData("--topic", "a:x")]
    [InlineData("--topic", ":3")]
    [InlineData("--topic", "..")]
    [InlineData("--topic", "with space")]
    [InlineData("extra")]
    public void Rejects_bad_arguments_with_a_message(params string[] arguments)
    {
        var error = Assert.Throws<FormatException>(() => DevKafkaOptions.Parse(arguments));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
