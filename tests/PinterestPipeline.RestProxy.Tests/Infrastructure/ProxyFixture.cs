using PinterestPipeline.DevKafka.Broker;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.RestProxy.Tests.Infrastructure;

/// <summary>A broker and a proxy with default settings, shared by the tests of one class.</summary>
#pragma warning disable CA1001 // xunit disposes it through IAsyncLifetime.DisposeAsync.
public sealed class ProxyFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    private DevBroker? broker;
    private RestProxyApp? app;

    public DevBroker Broker => broker ?? throw new InvalidOperationException("The fixture has not started.");

    public RestProxyApp App => app ?? throw new InvalidOperationException("The fixture has not started.");

    public HttpClient Client { get; private set; } = null!;

    public string CreateTopic(int partitions = 1)
    {
        var name = UniqueName.For("rp");
        Broker.CreateTopic(name, partitions);
        return name;
    }

    /// <summary>A topic that the default rule makes a stream (its name starts with <c>streaming-</c>).</summary>
    public string CreateStream(int shards = 1)
    {
        var name = UniqueName.For("streaming-rp");
        Broker.CreateTopic(name, shards);
        return name;
    }

    public Task InitializeAsync()
    {
        broker = DevBroker.Start();
        app = new RestProxyApp(broker.BootstrapServers);
        Client = app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        if (broker is not null)
        {
            await broker.DisposeAsync();
        }
    }
}
