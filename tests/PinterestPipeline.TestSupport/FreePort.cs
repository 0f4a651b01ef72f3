using System.Net;
using System.Net.Sockets;

namespace PinterestPipeline.TestSupport;

public static class FreePort
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago (callers retry if someone else takes it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
