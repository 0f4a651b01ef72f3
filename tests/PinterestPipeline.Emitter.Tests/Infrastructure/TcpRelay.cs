using System.Net;
using System.Net.Sockets;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>
/// Forwards a local port to a real server, and can go away (listener closed, every connection cut) and come back on the
/// same port: a database outage without touching the database process other tests share.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly int targetPort;
    private readonly Lock gate = new();
    private readonly List<TcpClient> connections = [];
    private TcpListener? listener;
    private CancellationTokenSource? running;
    private Task accepting = Task.CompletedTask;

    private TcpRelay(int targetPort)
    {
        this.targetPort = targetPort;
        Port = FreePort.Next();
    }

    public int Port { get; }

    public static TcpRelay Start(int targetPort)
    {
        var relay = new TcpRelay(targetPort);
        relay.Open();
        return relay;
    }

    public void Open()
    {
        running = new CancellationTokenSource();
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        accepting = AcceptAsync(listener, running.Token);
    }

    /// <summary>Stops listening (new connections are refused) and resets every open connection.</summary>
    public async Task CloseAsync()
    {
        if (running is null)
        {
            return;
        }

        await running.CancelAsync();
        listener?.Stop();
        lock (gate)
        {
            foreach (var connection in connections)
            {
                // A zero linger resets the connection, as a server crash would, instead of closing it politely.
                connection.Client?.LingerState = new LingerOption(true, 0);
                connection.Dispose();
            }

            connections.Clear();
        }

        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
        }

        running.Dispose();
        running = null;
    }

    private async Task AcceptAsync(TcpListener server, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await server.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, targetPort, cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                client.Dispose();
                upstream.Dispose();
                continue;
            }

            lock (gate)
            {
                connections.Add(client);
                connections.Add(upstream);
            }

            _ = PumpAsync(client, upstream);
        }
    }

    private static async Task PumpAsync(TcpClient a, TcpClient b)
    {
        try
        {
            await Task.WhenAny(a.GetStream().CopyToAsync(b.GetStream()), b.GetStream().CopyToAsync(a.GetStream()));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
        }
        finally
        {
            a.Dispose();
            b.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync();
}
