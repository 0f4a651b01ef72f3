using PinterestPipeline.ServiceDefaults.Streams;

namespace PinterestPipeline.ServiceDefaults.Tests.Streams;

public sealed class StreamConventionsTests
{
    [Theory]
    [InlineData(0, "shardId-000000000000")]
    [InlineData(7, "shardId-000000000007")]
    [InlineData(int.MaxValue, "shardId-002147483647")]
    public void Shard_ids_are_kinesis_shaped_and_read_back(int partition, string expected)
    {
        Assert.Equal(expected, ShardId.Format(partition));
        Assert.True(ShardId.TryParse(expected, out var parsed));
        Assert.Equal(partition, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("shardId-1")]
    [InlineData("shardId-0000000000001")]
    [InlineData("shardid-000000000001")]
    [InlineData("shardId-00000000000-1")]
    [InlineData("shardId-00000000000a")]
    [InlineData("shardId-999999999999")]
    [InlineData(" shardId-000000000001")]
    public void Anything_else_is_not_a_shard_id(string? text) => Assert.False(ShardId.TryParse(text, out _));

    [Theory]
    [InlineData(0, 0L, "49000000000000000000000000000000")]
    [InlineData(2, 17L, "49000000000200000000000000000017")]
    [InlineData(int.MaxValue, long.MaxValue, "49214748364709223372036854775807")]
    public void Sequence_numbers_encode_partition_and_offset_and_read_back(int partition, long offset, string expected)
    {
        Assert.Equal(expected, SequenceNumber.Format(partition, offset));
        Assert.True(SequenceNumber.TryParse(expected, out var p, out var o));
        Assert.Equal((partition, offset), (p, o));
    }

    [Fact]
    public void Sequence_numbers_of_a_shard_increase_as_numbers_and_as_strings()
    {
        var offsets = new long[] { 0, 1, 9, 10, 99, 100, 123_456_789, 10_000_000_000, long.MaxValue };
        var numbers = offsets.Select(o => SequenceNumber.Format(3, o)).ToArray();

        Assert.Equal(numbers, numbers.Order(StringComparer.Ordinal));
        Assert.Equal(numbers, numbers.OrderBy(System.Numerics.BigInteger.Parse));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("4900000000020000000000000000001")]
    [InlineData("490000000002000000000000000000170")]
    [InlineData("48000000000200000000000000000017")]
    [InlineData("49000000000200000000000000000-17")]
    [InlineData("49999999999900000000000000000017")]
    [InlineData("49000000000299999999999999999999")]
    public void Anything_else_is_not_a_sequence_number(string? text) => Assert.False(SequenceNumber.TryParse(text, out _, out _));

    [Theory]
    [InlineData("streaming-0ab336d6fcf7-pin", true)]
    [InlineData("streaming-", true)]
    [InlineData("0ab336d6fcf7.pin", false)]
    [InlineData("Streaming-x", false)]
    [InlineData("streaming-a b", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void By_default_the_streams_are_the_topics_named_streaming_something(string? topic, bool isStream) =>
        Assert.Equal(isStream, StreamName.IsStream(topic));

    [Fact]
    public void The_prefix_is_a_setting_and_empty_makes_every_validly_named_topic_a_stream()
    {
        Assert.True(StreamName.IsStream("kinesis.orders", "kinesis."));
        Assert.False(StreamName.IsStream("streaming-x", "kinesis."));
        Assert.True(StreamName.IsStream("0ab336d6fcf7.pin", ""));
        Assert.False(StreamName.IsStream(new string('a', 129), ""));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("A-z_0.9", true)]
    [InlineData("a/b", false)]
    [InlineData("é", false)]
    [InlineData("", false)]
    public void Stream_names_follow_kinesis_pattern_and_length(string name, bool valid)
    {
        Assert.Equal(valid, StreamName.IsValid(name));
        Assert.True(StreamName.IsValid(new string('x', 128)));
        Assert.False(StreamName.IsValid(new string('x', 129)));
    }
}
