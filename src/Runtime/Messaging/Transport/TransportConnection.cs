using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Messaging.Transport;

/// <summary>
/// One TCP connection carrying frames both ways, with many requests in flight. Made by <see cref="TransportListener"/>
/// (accepted) or <see cref="TransportConnections"/> (opened); both ends work alike, so either side may send requests.
/// </summary>
/// <remarks>
/// <para>Sending: callers append frames to a bounded queue (<see cref="SendQueue"/>,
/// <see cref="TransportOptions.SendQueueCapacity"/>; when it is full they wait: back-pressure) that one writer at a time
/// sends, all that was appended meanwhile in one system call, so a burst of small frames costs one write. A request
/// whose caller cancels while it waits for room is not sent; one that times out meanwhile still goes out, its late
/// answer dropped.</para>
/// <para>Receiving: one read loop parses frames (<see cref="FrameReader"/>); answers complete the pending call with their
/// correlation id, pings are answered here, requests and cancels go to the <see cref="ITransportHandler"/>. A bad frame
/// closes the connection with a logged reason.</para>
/// <para>Closing, for any reason (the remote end, a bad frame, an I/O error, <see cref="CloseAsync"/>), fails every
/// pending call at once with <see cref="SiloUnavailableException"/>; later sends fail the same way. A closed connection
/// stays closed: <see cref="TransportConnections"/> opens a new one on the next send.</para>
/// </remarks>
public sealed partial class TransportConnection : IAsyncDisposable
{
    /// <summary>How much one read of the socket may bring: under load a read takes in many small frames at once.</summary>
    private const int ReadBufferBytes = 64 * 1024;

    private readonly Socket _socket;
    private readonly PipeReader _input;
    private readonly SendQueue _sendQueue;
    private readonly PendingCalls _pending = new();
    private readonly ITransportHandler? _handler;
    private readonly TransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ReadBatch _readBatch;
    private ITimer? _sweep;
    private Task _readLoop = Task.CompletedTask;
    private long _nextCorrelationId;
    private int _closeStarted;
    private string? _closeReason;
    private int _waitingSenders;

    internal TransportConnection(Socket socket, EndPoint remoteEndPoint, ITransportHandler? handler, TransportOptions options, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        RemoteEndPoint = remoteEndPoint;
        LocalEndPoint = socket.LocalEndPoint;
        _handler = handler;
        _options = options;
        _time = time;
        _logger = logger;
        var stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: ReadBufferBytes, leaveOpen: true));
        _readBatch = new ReadBatch(options.ReadBatchSize);
        _sendQueue = new SendQueue(socket, options.SendQueueCapacity, Close);
    }

    /// <summary>The other end.</summary>
    public EndPoint RemoteEndPoint { get; }

    /// <summary>This end.</summary>
    public EndPoint? LocalEndPoint { get; }

    /// <summary>True once the connection has started closing; it never reopens.</summary>
    public bool IsClosed => Volatile.Read(ref _closeStarted) != 0;

    /// <summary>Completes, with the reason, when the connection has closed.</summary>
    public Task<string> Closed => _closed.Task;

    /// <summary>Requests sent on this connection and not answered, timed out or cancelled yet.</summary>
    public int PendingCalls => _pending.Count;

    /// <summary>Frames queued and not yet written to the socket (at most <see cref="TransportOptions.SendQueueCapacity"/>).</summary>
    internal int QueuedFrames => _sendQueue.QueuedFrames;

    /// <summary>Senders waiting for room in the send queue.</summary>
    internal int WaitingSenders => Volatile.Read(ref _waitingSenders);

    internal long FramesWritten => _sendQueue.FramesWritten;

    /// <summary>System calls that wrote frames.</summary>
    internal long Writes => _sendQueue.Writes;

    internal void Start()
    {
        _readLoop = Task.Run(ReadLoopAsync);
        var period = _options.TimeoutCheckPeriod;
        _sweep = _time.CreateTimer(static state => ((TransportConnection)state!).SweepTimeouts(), this, period, period);
        LogConnectionOpened(LocalEndPoint, RemoteEndPoint);
    }

    /// <summary>
    /// Sends a <see cref="FrameType.Request"/> or <see cref="FrameType.Ping"/> and returns its answer frame
    /// (<see cref="FrameType.Response"/>, <see cref="FrameType.Error"/>, <see cref="FrameType.Rejection"/> or
    /// <see cref="FrameType.Pong"/>; the layer above interprets it). Fails with <see cref="TimeoutException"/> if no answer
    /// comes within <paramref name="timeout"/> (checked every <see cref="TransportOptions.TimeoutCheckPeriod"/>; the
    /// outcome is unknown), with <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is
    /// cancelled (a <see cref="FrameType.Cancel"/> frame then tells the remote side), and with
    /// <see cref="SiloUnavailableException"/> when the connection is or becomes closed. Each of these fails only this call.
    /// Waits for room when the send queue is full.
    /// </summary>
    public Task<Frame> SendRequestAsync(FrameType type, ReadOnlyMemory<byte> payload, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (type is not (FrameType.Request or FrameType.Ping))
            throw new ArgumentException($"Only {FrameType.Request} and {FrameType.Ping} frames expect an answer; send {type} with {nameof(SendAsync)}.", nameof(type));
        if (timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive or infinite.");
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<Frame>(cancellationToken);

        var call = new TaskPendingCall(type, timeout, Deadline(timeout));
        Send(call, payload.Span, cancellationToken);
        return call.Task;
    }

    /// <summary>
    /// Sends <paramref name="call"/>'s request (or ping) with <paramref name="payload"/>; its outcome comes to the call:
    /// the answer on the read loop, or a failure as described on
    /// <see cref="SendRequestAsync(FrameType, ReadOnlyMemory{byte}, TimeSpan, CancellationToken)"/>. The payload is copied
    /// before this returns. Waits for room (off the caller's thread) when the send queue is full.
    /// </summary>
    internal void Send(PendingCall call, ReadOnlySpan<byte> payload, CancellationToken cancellationToken)
    {
        CheckPayload(payload.Length);

        var id = Interlocked.Increment(ref _nextCorrelationId);
        call.Connection = this;
        call.CorrelationId = id;
        _pending.Add(id, call);
        if (IsClosed)
        {
            // Close drains the table after it sets the flag; whichever of us removes the call fails it.
            FailPending(id, Unavailable());
            return;
        }

        if (cancellationToken.CanBeCanceled)
        {
            call.Registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((PendingCall)state!).Connection.CancelCall((PendingCall)state, token), call);
            if (!_pending.Contains(id))
            {
                call.Registration.Dispose(); // cancelled already: not worth sending
                return;
            }
        }

        if (!_sendQueue.TryAppend(call.Type, id, payload))
            _ = SendRequestSlowAsync(new Frame(call.Type, id, payload.ToArray()), cancellationToken);
    }

    /// <summary>
    /// Queues a frame that expects no answer: an answer to a received request (<see cref="FrameType.Response"/>,
    /// <see cref="FrameType.Error"/>, <see cref="FrameType.Rejection"/>) or a <see cref="FrameType.Cancel"/>. Waits while
    /// the send queue is full. Returns false, dropping the frame, if the connection is closed (an expected race: the
    /// caller went away).
    /// </summary>
    public ValueTask<bool> SendAsync(Frame frame, CancellationToken cancellationToken = default)
    {
        if (frame.Type is FrameType.Request or FrameType.Ping || !Frame.IsKnown(frame.Type))
            throw new ArgumentException($"{frame.Type} frames cannot be sent with {nameof(SendAsync)}; requests go through {nameof(SendRequestAsync)}.", nameof(frame));
        return Queue(frame.Type, frame.CorrelationId, frame.Payload.Span, frame, cancellationToken);
    }

    /// <summary>Queues an answer to a received request (<see cref="FrameType.Response"/>, <see cref="FrameType.Error"/>,
    /// <see cref="FrameType.Rejection"/>) as <see cref="SendAsync"/> does, copying <paramref name="payload"/> before it
    /// returns.</summary>
    internal ValueTask<bool> SendAnswer(FrameType type, long correlationId, ReadOnlySpan<byte> payload) =>
        Queue(type, correlationId, payload, owned: null, CancellationToken.None);

    // Appends the frame, or waits for room with a frame that owns its payload (owned, or a copy of payload).
    private ValueTask<bool> Queue(FrameType type, long correlationId, ReadOnlySpan<byte> payload, Frame? owned, CancellationToken cancellationToken)
    {
        CheckPayload(payload.Length);
        if (_sendQueue.TryAppend(type, correlationId, payload))
            return new ValueTask<bool>(true);
        return IsClosed
            ? new ValueTask<bool>(false)
            : SendSlowAsync(owned ?? new Frame(type, correlationId, payload.ToArray()), cancellationToken);
    }

    /// <summary>Closes the connection (failing pending calls with <see cref="SiloUnavailableException"/> carrying
    /// <paramref name="reason"/>) and waits for its read loop to end.</summary>
    public async Task CloseAsync(string reason)
    {
        Close(reason);
        await _readLoop.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(CloseAsync("closed locally"));

    // Waits for room in the send queue. A caller that cancels meanwhile has its call failed by the token's registration.
    private async Task SendRequestSlowAsync(Frame frame, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waitingSenders);
        try
        {
            if (!await _sendQueue.AppendAsync(frame, cancellationToken).ConfigureAwait(false))
                FailPending(frame.CorrelationId, Unavailable());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The token's registration has failed the call.
        }
        finally
        {
            Interlocked.Decrement(ref _waitingSenders);
        }
    }

    private async ValueTask<bool> SendSlowAsync(Frame frame, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waitingSenders);
        try
        {
            return await _sendQueue.AppendAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waitingSenders);
        }
    }

    internal void CancelCall(PendingCall call, CancellationToken token)
    {
        if (!_pending.TryRemove(call.CorrelationId, out _))
            return;

        if (call is TaskPendingCall awaited)
            awaited.Cancel(token);
        else
            call.Fail(new OperationCanceledException(token));
        if (call.Type == FrameType.Request)
            _sendQueue.TryAppend(FrameType.Cancel, call.CorrelationId, []); // best effort
    }

    /// <summary>Fails the calls past their deadline, and rescues stalled read batches (<see cref="ReadBatch.RescueStalled"/>). Runs every <see cref="TransportOptions.TimeoutCheckPeriod"/>.</summary>
    internal void SweepTimeouts()
    {
        _readBatch.RescueStalled();
        var now = _time.GetTimestamp();
        foreach (var call in _pending.RemoveExpired(now))
        {
            call.Fail(new TimeoutException(
                $"{call.Type} {call.CorrelationId} to {RemoteEndPoint} got no answer within {call.Timeout}; the outcome is unknown."));
        }
    }

    private void Close(string reason)
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) != 0)
            return;

        Volatile.Write(ref _closeReason, reason);
        _sendQueue.Close();
        _sweep?.Dispose();
        try
        {
            _closing.Cancel();
        }
        catch (AggregateException)
        {
            // A handler's cancellation callback threw; the connection closes regardless.
        }

        _socket.Dispose();
        foreach (var call in _pending.RemoveAll())
            call.Fail(new SiloUnavailableException(RemoteEndPoint, reason));
        LogConnectionClosed(LocalEndPoint, RemoteEndPoint, reason);
        _closed.TrySetResult(reason);
    }

    private void FailPending(long id, Exception exception)
    {
        if (_pending.TryRemove(id, out var call))
            call.Fail(exception);
    }

    private SiloUnavailableException Unavailable() =>
        new(RemoteEndPoint, Volatile.Read(ref _closeReason) ?? "the connection is closed");

    private long Deadline(TimeSpan timeout) => timeout == System.Threading.Timeout.InfiniteTimeSpan
        ? long.MaxValue
        : _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);

    private void CheckPayload(int payloadBytes)
    {
        if (payloadBytes > _options.MaxFrameBytes - Frame.HeaderBytes)
            throw new ArgumentException($"The payload ({payloadBytes} bytes) does not fit in a frame of MaxFrameBytes ({_options.MaxFrameBytes}).", "payload");
    }
}
