using System.Net;
using Actors.Runtime.Membership;
using Actors.Runtime.Messaging.Remote;
using Actors.Runtime.Messaging.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>
/// A stand-in silo on its own port that hosts nothing: it passes every grain call on to <c>target</c> marked as already
/// forwarded, and relays the answer. Pointed at a silo that does not own the grain, it makes the caller see the
/// rejection a twice-routed call gets when views differ.
/// </summary>
internal sealed class RelaySilo : ITransportHandler, IAsyncDisposable
{
    private readonly EndPoint _target;
    private readonly TransportListener _listener;
    private readonly TransportConnections _outgoing = new(Options.Create(new TransportOptions()), TimeProvider.System, NullLoggerFactory.Instance);
    private readonly TaskCompletionSource<FrameType> _firstAnswerRelayed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    private RelaySilo(EndPoint target)
    {
        _target = target;
        _listener = new TransportListener(Options.Create(new TransportOptions()), this, TimeProvider.System, NullLoggerFactory.Instance);
        var bound = _listener.Start(new IPEndPoint(IPAddress.Loopback, 0));
        Address = new SiloAddress("127.0.0.1", bound.Port, 1);
    }

    public SiloAddress Address { get; }

    /// <summary>How many grain calls reached the relay.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Completes with the type of the first answer once it has been sent back to the caller.</summary>
    public Task<FrameType> FirstAnswerRelayed => _firstAnswerRelayed.Task;

    public static RelaySilo Start(EndPoint target) => new(target);

    public async ValueTask HandleAsync(TransportConnection connection, Frame frame, CancellationToken cancellationToken)
    {
        if (frame.Type != FrameType.Request)
            return;
        Interlocked.Increment(ref _calls);
        var answer = await _outgoing.SendRequestAsync(_target, FrameType.Request, RequestCodec.MarkForwarded(frame.Payload.Span), RawCalls.AnswerTimeout);
        await connection.SendAsync(new Frame(answer.Type, frame.CorrelationId, answer.Payload));
        _firstAnswerRelayed.TrySetResult(answer.Type);
    }

    public async ValueTask DisposeAsync()
    {
        await _listener.StopAsync();
        await _outgoing.DisposeAsync();
    }
}
