using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Transport;

/// <summary>Answers every request with its own payload, at once; a payload "throw" makes the handler throw.</summary>
internal sealed class EchoHandler : ITransportHandler
{
    public async ValueTask HandleAsync(TransportConnection connection, Frame frame, CancellationToken cancellationToken)
    {
        if (frame.Type != FrameType.Request)
            return;
        if (frame.Payload.Span.SequenceEqual("throw"u8))
            throw new InvalidOperationException("asked to throw");
        await connection.SendAsync(new Frame(FrameType.Response, frame.CorrelationId, frame.Payload), cancellationToken);
    }
}

/// <summary>
/// Records every frame it receives and answers nothing unless told to, so tests decide when and in which order answers
/// go. Payloads listed in <see cref="EchoPayloads"/> are echoed at once. Between <see cref="Close"/> and <see cref="Open"/>
/// the handler does not return, so the connection stops reading (a slow server).
/// </summary>
internal sealed class RecordingHandler : ITransportHandler
{
    private readonly Channel<(TransportConnection Connection, Frame Frame)> _received = Channel.CreateUnbounded<(TransportConnection, Frame)>();
    private TaskCompletionSource _gate = CreateOpenGate();
    private int _count;

    public ConcurrentDictionary<string, bool> EchoPayloads { get; } = new();

    public int Count => Volatile.Read(ref _count);

    public async ValueTask HandleAsync(TransportConnection connection, Frame frame, CancellationToken cancellationToken)
    {
        await _gate.Task.WaitAsync(cancellationToken);
        if (frame.Type == FrameType.Request && EchoPayloads.ContainsKey(Encoding.UTF8.GetString(frame.Payload.Span)))
        {
            await connection.SendAsync(new Frame(FrameType.Response, frame.CorrelationId, frame.Payload), cancellationToken);
            return;
        }

        Interlocked.Increment(ref _count);
        _received.Writer.TryWrite((connection, frame with { Payload = frame.Payload.ToArray() })); // kept past the call
    }

    /// <summary>Makes the handler wait (not read further) until <see cref="Open"/>.</summary>
    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate.TrySetResult();

    /// <summary>The next received frame, failing after <see cref="Probe.Patience"/>.</summary>
    public async Task<(TransportConnection Connection, Frame Frame)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Probe.Patience);
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The next <paramref name="count"/> received frames.</summary>
    public async Task<List<(TransportConnection Connection, Frame Frame)>> NextAsync(int count)
    {
        var frames = new List<(TransportConnection, Frame)>(count);
        for (var i = 0; i < count; i++)
            frames.Add(await NextAsync());
        return frames;
    }

    private static TaskCompletionSource CreateOpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
