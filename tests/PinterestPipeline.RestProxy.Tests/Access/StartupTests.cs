using PinterestPipeline.RestProxy.Tests.Infrastructure;

namespace PinterestPipeline.RestProxy.Tests.Access;

public sealed class StartupTests
{
    [Fact]
    public async Task Missing_kafka_connection_string_names_the_setting()
    {
        await using var app = new RestProxyApp(bootstrapServers: "");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("ConnectionStrings:kafka", error.ToString(), StringComparison.Ordinal);
    }
}
