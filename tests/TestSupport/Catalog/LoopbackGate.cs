using System.Net;
using System.Net.Sockets;

namespace Actors.TestSupport.Catalog;

/// <summary>
/// A TCP forwarder on a fixed loopback port in front of another loopback port. <see cref="Close"/> stops listening, so
/// new connections are refused (a real ECONNREFUSED) while connections already open finish; <see cref="Open"/> listens
/// again on the same port.
/// </summary>
public sealed class LoopbackGate : IAsyncDisposable
{
    private readonly int _target;
    private readonly CancellationTokenSource _disposed = new();
    private readonly object _gate = new();
    private TcpListener? _listener;

    /// <summary>Listens on a free loopback port and forwards to <paramref name="targetPort"/>.</summary>
    public LoopbackGate(int targetPort)
    {
        _target = targetPort;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Listen(listener);
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Whether the gate accepts connections.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
                return _listener is not null;
        }
    }

    /// <summary>Stops listening: connections from now on are refused.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
        }
    }

    /// <summary>Listens again on <see cref="Port"/>.</summary>
    public void Open()
    {
        lock (_gate)
        {
            if (_listener is not null)
                return;
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            Listen(listener);
        }
    }

    private void Listen(TcpListener listener)
    {
        lock (_gate)
            _listener = listener;
        _ = Task.Run(async () =>
        {
            while (!_disposed.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(_disposed.Token);
                }
                catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
                {
                    return; // closed
                }

                _ = ForwardAsync(client);
            }
        });
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _target, _disposed.Token);
                var down = client.GetStream();
                var up = upstream.GetStream();
                var toServer = Pump(down, up, upstream.Client);
                var toClient = Pump(up, down, client.Client);
                await Task.WhenAll(toServer, toClient);
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // one side went away
            }
        }
    }

    private async Task Pump(NetworkStream from, NetworkStream to, Socket toSocket)
    {
        try
        {
            await from.CopyToAsync(to, _disposed.Token);
        }
        finally
        {
            try
            {
                toSocket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // already closed
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        Close();
        _disposed.Dispose();
    }
}
