using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Messaging.Transport;

/// <summary>
/// The client side: one persistent <see cref="TransportConnection"/> per remote endpoint, opened on first use.
/// </summary>
/// <remarks>
/// Reconnecting: a dropped connection fails its pending calls at once and is forgotten; the next send to that endpoint
/// opens a new connection (one attempt, shared by every sender waiting for it, limited by
/// <see cref="TransportOptions.ConnectTimeout"/>). If that attempt fails, those sends fail with
/// <see cref="SiloUnavailableException"/> and the next send tries again. There is no retry loop and no resending: whether
/// to retry a call, and when to stop calling a dead silo, is for the layer above (membership) to decide.
/// </remarks>
public sealed partial class TransportConnections : IAsyncDisposable
{
    private readonly ConcurrentDictionary<EndPoint, Task<TransportConnection>> _connections = new();
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _disposing = new();
    private readonly ITransportHandler? _handler;
    private readonly TransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggers;

    /// <summary>Creates the pool. <paramref name="handler"/>, if given, serves requests the remote side sends back over
    /// these connections; without one such requests are answered with an error.</summary>
    public TransportConnections(IOptions<TransportOptions> options, TimeProvider time, ILoggerFactory loggers, ITransportHandler? handler = null)
    {
        _options = TransportOptionsValidator.Checked(options.Value);
        _time = time;
        _handler = handler;
        _logger = loggers.CreateLogger<TransportConnections>();
        _loggers = loggers;
    }

    /// <summary>The open connection to <paramref name="endpoint"/>, opening one if there is none (or it closed). Fails
    /// with <see cref="SiloUnavailableException"/> if the endpoint cannot be reached.</summary>
    public ValueTask<TransportConnection> GetConnectionAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (_connections.TryGetValue(endpoint, out var existing) && existing.IsCompletedSuccessfully && !existing.Result.IsClosed)
            return new ValueTask<TransportConnection>(existing.Result);

        ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
        Task<TransportConnection> connecting;
        lock (_lock)
        {
            if (!_connections.TryGetValue(endpoint, out connecting!) || connecting.IsFaulted || connecting.IsCanceled ||
                (connecting.IsCompletedSuccessfully && connecting.Result.IsClosed))
            {
                connecting = ConnectAsync(endpoint);
                _connections[endpoint] = connecting;
            }
        }

        return new ValueTask<TransportConnection>(connecting.WaitAsync(cancellationToken));
    }

    /// <summary>Sends a request (or ping) to <paramref name="endpoint"/> over its connection and returns the answer; see
    /// <see cref="TransportConnection.SendRequestAsync(FrameType, ReadOnlyMemory{byte}, TimeSpan, CancellationToken)"/> for how it fails.</summary>
    public async Task<Frame> SendRequestAsync(EndPoint endpoint, FrameType type, ReadOnlyMemory<byte> payload, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var connection = await GetConnectionAsync(endpoint, cancellationToken).ConfigureAwait(false);
        return await connection.SendRequestAsync(type, payload, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="call"/> to <paramref name="endpoint"/> (<see cref="TransportConnection.Send"/>). With
    /// the connection open, it is queued on the caller's thread and the connection returned (for the caller to use
    /// again); otherwise (a copy of the payload) once connected, and null returned. Every failure, connecting included,
    /// comes to the call.</summary>
    internal TransportConnection? Send(EndPoint endpoint, PendingCall call, ReadOnlySpan<byte> payload, CancellationToken cancellationToken)
    {
        ValueTask<TransportConnection> connecting;
        try
        {
            connecting = GetConnectionAsync(endpoint, cancellationToken);
        }
        catch (Exception exception)
        {
            call.Fail(exception);
            return null;
        }

        if (!connecting.IsCompletedSuccessfully)
        {
            _ = SendWhenConnectedAsync(connecting, call, payload.ToArray(), cancellationToken);
            return null;
        }

        var connection = connecting.Result;
        connection.Send(call, payload, cancellationToken);
        return connection;
    }

    private static async Task SendWhenConnectedAsync(ValueTask<TransportConnection> connecting, PendingCall call, byte[] payload,
        CancellationToken cancellationToken)
    {
        try
        {
            var connection = await connecting.ConfigureAwait(false);
            connection.Send(call, payload, cancellationToken);
        }
        catch (Exception exception)
        {
            call.Fail(exception);
        }
    }

    /// <summary>Closes every connection; their pending calls fail with <see cref="SiloUnavailableException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposing.Cancel();
        var open = _connections.Values.Where(task => task.IsCompletedSuccessfully).Select(task => task.Result.CloseAsync("the client was disposed"));
        await Task.WhenAll(open).ConfigureAwait(false);
    }

    private async Task<TransportConnection> ConnectAsync(EndPoint endpoint)
    {
        var socket = endpoint is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _disposing.Token);
        try
        {
            socket.NoDelay = true;
            await socket.ConnectAsync(endpoint, linked.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            socket.Dispose();
            var reason = timeout.IsCancellationRequested ? $"connecting timed out after {_options.ConnectTimeout}"
                : _disposing.IsCancellationRequested ? "the client was disposed"
                : exception is SocketException socketError ? $"connecting failed: {socketError.SocketErrorCode}"
                : $"connecting failed: {exception.Message}";
            LogConnectFailed(endpoint, reason);
            throw new SiloUnavailableException(endpoint, reason, exception) { NotSent = true };
        }

        var connection = new TransportConnection(socket, endpoint, _handler, _options, _time, _loggers.CreateLogger<TransportConnection>());
        _ = connection.Closed.ContinueWith((_, state) => Forget(endpoint, (TransportConnection)state!), connection,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        connection.Start();
        if (_disposing.IsCancellationRequested)
            await connection.CloseAsync("the client was disposed").ConfigureAwait(false);
        return connection;
    }

    private void Forget(EndPoint endpoint, TransportConnection connection)
    {
        lock (_lock)
        {
            if (_connections.TryGetValue(endpoint, out var task) && task.IsCompletedSuccessfully && task.Result == connection)
                _connections.TryRemove(endpoint, out _);
        }
    }
}
