using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Messaging.Transport;

/// <summary>
/// The server side: binds a TCP endpoint, accepts connections and serves each with a <see cref="TransportConnection"/>
/// whose requests go to the <see cref="ITransportHandler"/>. Pings are answered by the connection. A connection that fails
/// (bad frame, I/O error) closes alone, with a logged reason; the listener and the other connections carry on.
/// </summary>
public sealed partial class TransportListener : IAsyncDisposable
{
    private readonly ConcurrentDictionary<TransportConnection, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ITransportHandler _handler;
    private readonly TransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private Socket? _socket;
    private Task _acceptLoop = Task.CompletedTask;

    /// <summary>Creates a listener; <see cref="Start"/> binds it.</summary>
    public TransportListener(IOptions<TransportOptions> options, ITransportHandler handler, TimeProvider time, ILoggerFactory loggers)
    {
        _options = TransportOptionsValidator.Checked(options.Value);
        _handler = handler;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<TransportListener>();
    }

    /// <summary>The bound endpoint (with the actual port when started on port 0); null before <see cref="Start"/>.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>The open accepted connections.</summary>
    public IReadOnlyCollection<TransportConnection> Connections => _connections.Keys.ToArray();

    /// <summary>Binds <paramref name="endpoint"/> (port 0 picks a free port), starts accepting, and returns the bound
    /// endpoint. The address may be reused at once after a previous listener on it stopped.</summary>
    public IPEndPoint Start(IPEndPoint endpoint)
    {
        if (_socket is not null)
            throw new InvalidOperationException("The listener has already been started.");

        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // On Unix, lets a restarted silo bind its port while old connections linger in TIME_WAIT. (On Windows the
            // same option would let another process share the port, and it is not needed there.)
            if (!OperatingSystem.IsWindows())
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _acceptLoop = Task.Run(AcceptLoopAsync);
        LogListening(LocalEndPoint);
        return LocalEndPoint;
    }

    /// <summary>Stops accepting and closes every connection (their pending calls fail with
    /// <see cref="SiloUnavailableException"/>).</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
            return;

        _stopping.Cancel();
        _socket?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Keys.Select(async connection =>
        {
            await connection.CloseAsync("the listener stopped").ConfigureAwait(false);
            _connections.TryRemove(connection, out _);
        })).ConfigureAwait(false);
        if (LocalEndPoint is not null)
            LogListenerStopped(LocalEndPoint);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task AcceptLoopAsync()
    {
        var connectionLogger = _loggers.CreateLogger<TransportConnection>();
        while (!_stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _socket!.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // Out of file descriptors, say: wait a little rather than spin, and keep serving the open connections.
                LogAcceptFailed(exception, LocalEndPoint!);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), _time, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            try
            {
                accepted.NoDelay = true;
                var connection = new TransportConnection(accepted, accepted.RemoteEndPoint!, _handler, _options, _time, connectionLogger);
                _connections[connection] = 0;
                _ = connection.Closed.ContinueWith(
                    (_, state) => _connections.TryRemove((TransportConnection)state!, out var _), connection,
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                connection.Start();
            }
            catch (Exception exception)
            {
                LogAcceptFailed(exception, LocalEndPoint!);
                accepted.Dispose();
            }
        }
    }
}
