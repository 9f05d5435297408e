using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Actors.Bench.Transport;

/// <summary>
/// The baseline: a hand-written echo over one plain socket with the transport's framing (length, type, correlation id,
/// payload). The client writes each call's frame under a lock and matches answers through a table of
/// TaskCompletionSources; the server answers every frame of a read with one send. No pipelines, no batching queue, no
/// timeouts, no back-pressure.
/// </summary>
internal sealed class RawEchoBaseline : IAsyncDisposable
{
    private const int HeaderBytes = 13;
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Socket _client = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly ConcurrentDictionary<long, TaskCompletionSource<byte[]>> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private Socket? _server;
    private long _nextId;

    public static async Task<RawEchoBaseline> StartAsync()
    {
        var baseline = new RawEchoBaseline();
        baseline._listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        baseline._listener.Listen();
        var accept = baseline._listener.AcceptAsync();
        await baseline._client.ConnectAsync(baseline._listener.LocalEndPoint!);
        baseline._server = await accept;
        baseline._server.NoDelay = true;
        _ = Task.Run(baseline.ServeAsync);
        _ = Task.Run(baseline.ReadAnswersAsync);
        return baseline;
    }

    public async Task<byte[]> CallAsync(byte[] payload)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var frame = new byte[HeaderBytes + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, 9 + payload.Length);
        frame[4] = 1;
        BinaryPrimitives.WriteInt64BigEndian(frame.AsSpan(5), id);
        payload.CopyTo(frame.AsSpan(HeaderBytes));
        await _writeLock.WaitAsync();
        try
        {
            await _client.SendAsync(frame);
        }
        finally
        {
            _writeLock.Release();
        }

        return await answer.Task;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _server?.Dispose();
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ServeAsync()
    {
        var input = new byte[64 * 1024];
        var output = new byte[64 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                var read = await _server!.ReceiveAsync(input.AsMemory(filled));
                if (read == 0)
                    return;
                filled += read;
                var consumed = 0;
                var written = 0;
                while (TryFrame(input.AsSpan(consumed, filled - consumed), out var size))
                {
                    if (written + size > output.Length)
                    {
                        await _server.SendAsync(output.AsMemory(0, written));
                        written = 0;
                    }

                    input.AsSpan(consumed, size).CopyTo(output.AsSpan(written));
                    output[written + 4] = 2; // response
                    written += size;
                    consumed += size;
                }

                if (written > 0)
                    await _server.SendAsync(output.AsMemory(0, written));
                input.AsSpan(consumed, filled - consumed).CopyTo(input);
                filled -= consumed;
            }
        }
        catch (Exception) when (!_server!.Connected)
        {
        }
        catch (ObjectDisposedException)
        {
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
                var read = await _client.ReceiveAsync(input.AsMemory(filled));
                if (read == 0)
                    return;
                filled += read;
                var consumed = 0;
                while (TryFrame(input.AsSpan(consumed, filled - consumed), out var size))
                {
                    var id = BinaryPrimitives.ReadInt64BigEndian(input.AsSpan(consumed + 5));
                    if (_pending.TryRemove(id, out var answer))
                        answer.SetResult(input.AsSpan(consumed + HeaderBytes, size - HeaderBytes).ToArray());
                    consumed += size;
                }

                input.AsSpan(consumed, filled - consumed).CopyTo(input);
                filled -= consumed;
            }
        }
        catch (Exception) when (!_client.Connected)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static bool TryFrame(ReadOnlySpan<byte> bytes, out int size)
    {
        size = bytes.Length < 4 ? 0 : 4 + BinaryPrimitives.ReadInt32BigEndian(bytes);
        return size > 0 && bytes.Length >= size;
    }
}
