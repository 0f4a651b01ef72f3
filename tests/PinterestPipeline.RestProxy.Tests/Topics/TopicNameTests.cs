using PinterestPipeline.RestProxy.Topics;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.RestProxy.Tests.Topics;

public sealed class TopicNameTests
{
    [Theory]
    [InlineData("0ab336d6fcf7.pin", true)]
    [InlineData("a-b_c.D9", true)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    [InlineData("café", false)]
    public void Follows_kafkas_rule(string name, bool valid) => Assert.Equal(valid, TopicName.IsValid(name));

    [Fact]
    public void Allows_at_most_249_characters()
    {
        Assert.True(TopicName.IsValid(new string('a', 249)));
        Assert.False(TopicName.IsValid(new string('a', 250)));
    }
}
