using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Actors.Bench.Cluster;

/// <summary>
/// The baseline client: request/response with the framing of <see cref="RawFrames"/> over one plain socket, written for speed, not
/// for safety. Callers append their frame to a shared buffer under a lock; one writer task, woken when the buffer stops
/// being empty, sends everything queued with one system call, so concurrent calls share sends. A read loop completes
/// each call's TaskCompletionSource by correlation id, running the caller's continuation inline (on the read loop):
/// the cheapest hand-off there is, safe here because every caller only records a latency and sends its next call. No
/// timeouts, cancellation or back-pressure.
/// </summary>
internal sealed class RawFrameClient : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly ConcurrentDictionary<long, TaskCompletionSource<byte[]>> _pending = new();
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _queuedSignal = new(0);
    private ArrayBufferWriter<byte> _queued = new(64 * 1024);
    private ArrayBufferWriter<byte> _spare = new(64 * 1024);
    private bool _sending;
    private long _nextId;

    public static async Task<RawFrameClient> ConnectAsync(IPEndPoint endpoint)
    {
        var client = new RawFrameClient();
        await client._socket.ConnectAsync(endpoint);
        _ = Task.Run(client.ReadAnswersAsync);
        _ = Task.Run(client.WriteLoopAsync);
        return client;
    }

    public async Task<byte[]> CallAsync(byte[] payload)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<byte[]>();
        _pending[id] = answer;
        bool wake;
        lock (_lock)
        {
            RawFrames.Write(_queued, RawFrames.Request, id, payload);
            wake = !_sending;
            _sending = true;
        }

        if (wake)
            _queuedSignal.Release();

        return await answer.Task;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _queuedSignal.Release();
        return ValueTask.CompletedTask;
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (true)
            {
                await _queuedSignal.WaitAsync();
                await SendQueuedAsync();
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }
    }

    // Sends until the buffer is empty, then marks that nobody is sending.
    private async Task SendQueuedAsync()
    {
        while (true)
        {
            ArrayBufferWriter<byte> batch;
            lock (_lock)
            {
                if (_queued.WrittenCount == 0)
                {
                    _sending = false;
                    return;
                }

                batch = _queued;
                _queued = _spare;
            }

            await _socket.SendAsync(batch.WrittenMemory);
            batch.ResetWrittenCount();
            lock (_lock)
                _spare = batch;
        }
    }

    private async Task ReadAnswersAsync()
    {
        var input = new byte[64 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(input.AsMemory(filled));
                if (read == 0)
                    return;
                filled += read;
                var consumed = 0;
                while (RawFrames.TryMeasure(input.AsSpan(consumed, filled - consumed), out var size))
                {
                    var id = BinaryPrimitives.ReadInt64BigEndian(input.AsSpan(consumed + RawFrames.LengthPrefixBytes + 1));
                    var payloadStart = consumed + RawFrames.LengthPrefixBytes + RawFrames.HeaderBytes;
                    if (_pending.TryRemove(id, out var answer))
                        answer.SetResult(input.AsSpan(payloadStart, size - RawFrames.LengthPrefixBytes - RawFrames.HeaderBytes).ToArray());
                    consumed += size;
                }

                input.AsSpan(consumed, filled - consumed).CopyTo(input);
                filled -= consumed;
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            foreach (var id in _pending.Keys)
            {
                if (_pending.TryRemove(id, out var answer))
                    answer.TrySetException(new IOException("The echo connection closed."));
            }
        }
    }
}
