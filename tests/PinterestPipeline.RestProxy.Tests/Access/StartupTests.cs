using PinterestPipeline.RestProxy.Tests.Infrastructure;

namespace PinterestPipeline.RestProxy.Tests.Access;

public sealed class StartupTests
{
    [Fact]
    public async Task Missing_kafka_connection_string_names_the_setting()
    {
        var error = await StartupFailure.StderrAsync(bootstrapServers: "");

        Assert.Contains("ConnectionStrings:kafka", error, StringComparison.Ordinal);
    }
}
