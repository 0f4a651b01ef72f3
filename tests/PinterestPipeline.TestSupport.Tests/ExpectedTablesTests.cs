using PinterestPipeline.TestSupport.Analytics;

namespace PinterestPipeline.TestSupport.Tests;

/// <summary>The tests' oracle follows the cleaning rules as the Analytics README documents them, edge cases included.</summary>
public sealed class ExpectedTablesTests
{
    [Theory]
    [InlineData("437", 437)]
    [InlineData("26k", 26_000)]
    [InlineData("1M", 1_000_000)]
    [InlineData("1.5k", 1)]
    [InlineData(" 12 ", 12)]
    [InlineData("User Info Error", null)]
    [InlineData("3000M", null)]
    [InlineData("many", null)]
    [InlineData(null, null)]
    public void Follower_counts_are_the_documented_rule(string? text, int? expected) =>
        Assert.Equal(expected, ExpectedTables.Pin(new PinSource(1, "u", "t", "d", "p", text, "tags", "image", "src", 1, "/data", "art")).FollowerCount);
}
