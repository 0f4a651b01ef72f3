using System.Net;
using System.Net.Sockets;

namespace PinterestPipeline.DevKafka.Broker;

/// <summary>
/// Accepts connections on a port we choose and pipes each to the mock broker's own listener, whose port
/// librdkafka picks. A client that vanishes mid-request only ends its own pair of sockets.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly IPEndPoint target;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task acceptLoop;
    private int connections;

    public TcpForwarder(int port, IPEndPoint target)
    {
        this.target = target;
        listener = new TcpListener(IPAddress.Loopback, port);
        AllowRebindDuringTimeWait(listener.Server);
        try
        {
            listener.Start(backlog: 512);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new InvalidOperationException(
                $"Port {port} on 127.0.0.1 is already in use. Stop whatever listens there, or pass --port 0 for any free port.", ex);
        }

        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = AcceptAsync(stopping.Token);
    }

    public int Port { get; }

    /// <summary>
    /// Lets a restarted broker take its port back at once instead of waiting out TIME_WAIT. .NET's
    /// ReuseAddress would also set SO_REUSEPORT on Linux, letting a second broker share a port in use,
    /// so the plain BSD option is set directly.
    /// </summary>
    private static void AllowRebindDuringTimeWait(Socket socket)
    {
        const int solSocket = 1;
        const int soReuseAddr = 2;
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(solSocket, soReuseAddr, BitConverter.GetBytes(1));
        }
    }

    /// <summary>Connections open right now.</summary>
    public int Connections => Volatile.Read(ref connections);

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection reset before we accepted it; keep accepting.
                continue;
            }

            _ = PipeAsync(client, cancellationToken);
        }
    }

    private async Task PipeAsync(Socket client, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref connections);
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            client.NoDelay = true;
            upstream.NoDelay = true;
            await upstream.ConnectAsync(target, cancellationToken);
            await using var clientStream = new NetworkStream(client, ownsSocket: false);
            await using var upstreamStream = new NetworkStream(upstream, ownsSocket: false);
            using var pair = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var up = CopyAsync(clientStream, upstream, upstreamStream, pair.Token);
            var down = CopyAsync(upstreamStream, client, clientStream, pair.Token);
            await Task.WhenAny(up, down);
            await pair.CancelAsync();
            await Task.WhenAll(up, down);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side went away; closing both ends is all there is to do.
        }
        finally
        {
            client.Dispose();
            Interlocked.Decrement(ref connections);
        }
    }

    /// <summary>Copies until the source ends, then half-closes the destination so the peer sees the end too.</summary>
    private static async Task CopyAsync(NetworkStream source, Socket destinationSocket, NetworkStream destination, CancellationToken cancellationToken)
    {
        try
        {
            await source.CopyToAsync(destination, 81920, cancellationToken);
            destinationSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await acceptLoop;
        stopping.Dispose();
    }
}
