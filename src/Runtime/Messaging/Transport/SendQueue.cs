using System.Buffers;
using System.Net.Sockets;

namespace Actors.Runtime.Messaging.Transport;

/// <summary>
/// A connection's outgoing frames. A sender appends its frame, header and payload, to a shared buffer under a lock: no
/// queue item, no copy of the payload but this one. The first frame into an idle queue starts a writer on the thread
/// pool, which sends all that was appended meanwhile with one system call, swapping buffers so senders go on appending
/// while it sends, and stops once the buffer is empty. Frames appended and not yet written are bounded by
/// <see cref="TransportOptions.SendQueueCapacity"/>; a sender that finds the queue full waits for a write to finish
/// (back-pressure).
/// </summary>
internal sealed class SendQueue : IThreadPoolWorkItem
{
    private const int InitialBufferBytes = 16 * 1024;

    /// <summary>A buffer grown past this by large frames is dropped after its write rather than kept.</summary>
    private const int MaxKeptBufferBytes = 1024 * 1024;

    private readonly Socket _socket;
    private readonly int _capacity;
    private readonly Action<string> _writeFailed;
    private readonly Lock _lock = new();
    private ArrayBufferWriter<byte> _filling = new(InitialBufferBytes);
    private ArrayBufferWriter<byte>? _spare = new(InitialBufferBytes);
    private int _fillingFrames;
    private int _writingFrames;
    private bool _writing;
    private bool _closed;
    private TaskCompletionSource? _room;
    private long _framesWritten;
    private long _writes;

    /// <param name="socket">Where the frames go.</param>
    /// <param name="capacity">Frames appended and not yet written before senders wait.</param>
    /// <param name="writeFailed">Called with the reason when a write fails; the connection then closes.</param>
    public SendQueue(Socket socket, int capacity, Action<string> writeFailed)
    {
        _socket = socket;
        _capacity = capacity;
        _writeFailed = writeFailed;
    }

    /// <summary>Frames appended and not yet written to the socket (at most the capacity).</summary>
    public int QueuedFrames
    {
        get
        {
            lock (_lock)
                return _fillingFrames + _writingFrames;
        }
    }

    public long FramesWritten => Interlocked.Read(ref _framesWritten);

    /// <summary>System calls that wrote frames (one per batch).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Appends a frame unless the queue is full or closed.</summary>
    public bool TryAppend(FrameType type, long correlationId, ReadOnlySpan<byte> payload)
    {
        bool startWriter;
        lock (_lock)
        {
            if (_closed || _fillingFrames + _writingFrames >= _capacity)
                return false;
            FrameWriter.Write(_filling, type, correlationId, payload);
            _fillingFrames++;
            startWriter = !_writing;
            _writing = true;
        }

        if (startWriter)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return true;
    }

    /// <summary>Appends a frame once there is room; false if the queue is or becomes closed.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while it waited.</exception>
    public async Task<bool> AppendAsync(Frame frame, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task room;
            lock (_lock)
            {
                if (_closed)
                    return false;
                room = _fillingFrames + _writingFrames < _capacity ? Task.CompletedTask : (_room ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            if (room.IsCompleted && TryAppend(frame.Type, frame.CorrelationId, frame.Payload.Span))
                return true;
            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drops what is queued; later appends fail and waiting senders give up.</summary>
    public void Close()
    {
        TaskCompletionSource? room;
        lock (_lock)
        {
            _closed = true;
            room = _room;
            _room = null;
        }

        room?.TrySetResult();
    }

    void IThreadPoolWorkItem.Execute() => _ = WriteAllAsync();

    // The writer: runs until the buffer is empty (or the queue closed), then lets the next append start a new one.
    private async Task WriteAllAsync()
    {
        try
        {
            while (true)
            {
                ArrayBufferWriter<byte> batch;
                int frames;
                lock (_lock)
                {
                    if (_closed || _fillingFrames == 0)
                    {
                        _writing = false;
                        return;
                    }

                    batch = _filling;
                    frames = _fillingFrames;
                    _filling = _spare ?? new ArrayBufferWriter<byte>(InitialBufferBytes);
                    _spare = null;
                    _fillingFrames = 0;
                    _writingFrames = frames;
                }

                await _socket.SendAsync(batch.WrittenMemory, SocketFlags.None).ConfigureAwait(false);
                TaskCompletionSource? room;
                lock (_lock)
                {
                    _writingFrames = 0;
                    batch.ResetWrittenCount();
                    _spare = batch.Capacity <= MaxKeptBufferBytes ? batch : null;
                    room = _room;
                    _room = null;
                }

                Interlocked.Add(ref _framesWritten, frames);
                Interlocked.Increment(ref _writes);
                room?.TrySetResult();
            }
        }
        catch (Exception exception)
        {
            _writeFailed($"write failed: {exception.GetType().Name}: {exception.Message}");
        }
    }
}
