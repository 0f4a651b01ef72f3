using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PinterestPipeline.RestProxy;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>The real REST proxy, in-process but behind Kestrel on a free 127.0.0.1 port, producing to a real broker.</summary>
internal sealed class RestProxyServer : WebApplicationFactory<RestProxyOptions>
{
    private readonly string bootstrapServers;

    private RestProxyServer(string bootstrapServers, int port)
    {
        this.bootstrapServers = bootstrapServers;
        BaseUrl = $"http://127.0.0.1:{port}";
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
    }

    public string BaseUrl { get; }

    public static RestProxyServer Start(string bootstrapServers)
    {
        var server = new RestProxyServer(bootstrapServers, FreePort.Next());
        server.StartServer();
        return server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:kafka", bootstrapServers);
    }
}
