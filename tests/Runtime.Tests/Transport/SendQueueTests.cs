using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Transport;

public sealed class SendQueueTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Socket _sender;
    private readonly Socket _receiver;
    private readonly ConcurrentQueue<string> _failures = new();

    public SendQueueTests()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        _sender = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _sender.Connect(listener.LocalEndPoint!);
        _receiver = listener.Accept();
    }

    [Fact]
    public async Task AppendedFrames_ArriveWhole_InOrder_InFewerWritesThanFrames()
    {
        const int frames = 2000;
        var queue = new SendQueue(_sender, capacity: frames, _failures.Enqueue);

        for (var i = 0; i < frames; i++)
            Assert.True(queue.TryAppend(FrameType.Request, i, BitConverter.GetBytes(i)));

        var received = await ReceiveAsync(frames);
        Assert.Equal(Enumerable.Range(0, frames).Select(i => (long)i), received.Select(f => f.CorrelationId));
        Assert.All(received, f => Assert.Equal((int)f.CorrelationId, BitConverter.ToInt32(f.Payload.Span)));
        await Eventually.TrueAsync(() => queue.FramesWritten == frames && queue.QueuedFrames == 0, "every frame counted as written");
        Assert.True(queue.Writes < frames, $"{frames} frames in {queue.Writes} writes: no batching");
        Assert.Empty(_failures);
    }

    [Fact]
    public async Task FullQueue_RefusesTryAppend_AndAppendAsyncWaitsForAWriteToFinish()
    {
        // The peer reads nothing: once the socket buffers are full the writer blocks in its send.
        var queue = new SendQueue(_sender, capacity: 4, _failures.Enqueue);
        var big = new byte[1024 * 1024];

        await Eventually.TrueAsync(() =>
        {
            queue.TryAppend(FrameType.Request, 1, big);
            return queue.QueuedFrames == 4;
        }, "the queue fills up");
        Assert.False(queue.TryAppend(FrameType.Request, 2, big));
        var waiting = queue.AppendAsync(new Frame(FrameType.Request, 3, new byte[1]), CancellationToken.None);
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);

        var drained = DrainAsync();
        Assert.True(await waiting.WaitAsync(Patience));
        _receiver.Dispose();
        await drained;
    }

    [Fact]
    public async Task Close_EndsWaitingAppends_AndRefusesNewOnes()
    {
        var queue = new SendQueue(_sender, capacity: 1, _failures.Enqueue);
        var big = new byte[4 * 1024 * 1024];
        Assert.True(queue.TryAppend(FrameType.Request, 1, big));
        await Eventually.TrueAsync(() => !queue.TryAppend(FrameType.Request, 2, big), "the queue is full");
        var waiting = queue.AppendAsync(new Frame(FrameType.Request, 3, new byte[1]), CancellationToken.None);

        queue.Close();

        Assert.False(await waiting.WaitAsync(Patience));
        Assert.False(queue.TryAppend(FrameType.Request, 4, new byte[1]));
    }

    [Fact]
    public async Task WriteOnAClosedSocket_ReportsTheFailure()
    {
        var queue = new SendQueue(_sender, capacity: 16, _failures.Enqueue);
        _sender.Dispose();

        queue.TryAppend(FrameType.Request, 1, new byte[1]);

        await Eventually.TrueAsync(() => _failures.Count == 1, "the failed write is reported");
        Assert.StartsWith("write failed: ", Assert.Single(_failures));
    }

    public ValueTask DisposeAsync()
    {
        _sender.Dispose();
        _receiver.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<List<Frame>> ReceiveAsync(int count)
    {
        var frames = new List<Frame>();
        var pending = new ArrayBufferWriter<byte>();
        using var timeout = new CancellationTokenSource(Patience);
        while (frames.Count < count)
        {
            var read = await _receiver.ReceiveAsync(pending.GetMemory(64 * 1024), SocketFlags.None, timeout.Token);
            Assert.NotEqual(0, read);
            pending.Advance(read);
            var buffer = new ReadOnlySequence<byte>(pending.WrittenMemory);
            string? error;
            while (FrameReader.TryRead(ref buffer, 1024, out var frame, out error))
                frames.Add(frame);
            Assert.Null(error);
            var rest = buffer.ToArray();
            pending.ResetWrittenCount();
            pending.Write(rest);
        }

        return frames;
    }

    private async Task DrainAsync()
    {
        var sink = new byte[64 * 1024];
        try
        {
            while (await _receiver.ReceiveAsync(sink, SocketFlags.None) > 0)
            {
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The test closed the socket.
        }
    }
}
