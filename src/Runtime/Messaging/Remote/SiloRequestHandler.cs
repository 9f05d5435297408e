using System.Collections.Concurrent;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Hosting;
using Actors.Runtime.Invocation;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Messaging.Remote;

/// <summary>
/// Serves grain calls that arrive on the silo port. A call for a grain this silo owns in its current view is rebuilt
/// (<see cref="GrainRequestFactories"/>), run like any local call and answered with its result or exception. A call
/// for a grain another silo owns is forwarded there once, its answer relayed unchanged; a call that was already
/// forwarded, or that no silo owns, is answered with a rejection carrying this silo's view version, so the caller
/// refreshes its view and retries. Malformed calls are answered with an error and logged; they never stop the silo.
/// A Cancel frame cancels the token of a call whose method takes one (<see cref="GrainRequest.TakesCancellationToken"/>),
/// and a call this silo forwarded (the owner then gets a Cancel frame of its own).
/// </summary>
internal sealed partial class SiloRequestHandler(
    GrainCallRouter router,
    ClusterPlacement placement,
    RemoteGrainCalls remote,
    IOptions<MessagingOptions> messaging,
    ILogger<SiloRequestHandler> logger) : ITransportHandler
{
    private readonly ConcurrentDictionary<(TransportConnection Connection, long CorrelationId), CancellationTokenSource> _cancellable = new();
    private int _inFlight;
    private int _cancellableInFlight; // checked before the table, so the calls that take no token never touch it

    /// <summary>Calls this silo is running or forwarding whose answer has not been queued yet. A leaving silo waits for
    /// none before it closes its connections, so no caller loses an answer to a graceful stop.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public ValueTask HandleAsync(TransportConnection connection, Frame frame, CancellationToken cancellationToken)
    {
        if (frame.Type == FrameType.Cancel)
        {
            // The remote caller gave up. A method that takes a cancellation token sees it cancelled (or, still waiting,
            // never starts); any other call runs to its end, its outcome simply not awaited.
            if (_cancellable.TryGetValue((connection, frame.CorrelationId), out var cancellation))
                _ = cancellation.CancelAsync(); // the token's callbacks run off the read loop
            return ValueTask.CompletedTask;
        }

        if (frame.Type != FrameType.Request)
            return ValueTask.CompletedTask;

        GrainId target;
        uint methodId;
        int argumentsOffset;
        try
        {
            (target, methodId, argumentsOffset) = RequestCodec.DecodeHeader(frame.Payload.Span);
        }
        catch (Exception exception)
        {
            return Refuse(connection, frame, $"the grain call could not be read: {exception.Message}");
        }

        var view = placement.Current;
        var owner = view.OwnerOf(target);
        if (owner is null || owner != view.Self)
        {
            if (owner is not null && !RequestCodec.IsForwarded(frame.Payload.Span))
            {
                Interlocked.Increment(ref _inFlight);
                _ = ForwardAsync(connection, frame, view, owner, Cancellable(connection, frame.CorrelationId).Token);
                return ValueTask.CompletedTask;
            }

            var reason = owner is null ? "no silo is active in its view" : $"it does not own {target} (owner: {owner})";
            return Ignore(connection.SendAsync(new Frame(FrameType.Rejection, frame.CorrelationId,
                RejectionPayload.Encode(view.Version, $"silo {view.Self} rejected the call: {reason} in view v{view.Version}"))));
        }

        var request = GrainRequestFactories.Create(methodId);
        if (request is null)
            return Refuse(connection, frame, $"no grain method with id {methodId} is loaded on this silo (grain {target}); are all silos on the same version?");
        try
        {
            request.ReadArguments(frame.Payload.Span[argumentsOffset..]);
        }
        catch (Exception exception)
        {
            return Refuse(connection, frame, $"the arguments of {request.InterfaceName}.{request.MethodName} for grain {target} could not be read: {exception.Message}");
        }

        Interlocked.Increment(ref _inFlight);
        var answer = new RemoteAnswer(this, connection, frame.CorrelationId, target, request);
        request.RemoteAnswer = answer;
        if (request.TakesCancellationToken)
        {
            request.CancellationToken = Cancellable(connection, frame.CorrelationId).Token;
            request.CancellationRegistration = request.CancellationToken.UnsafeRegister(
                static (state, token) => ((GrainRequest)state!).TryFail(new OperationCanceledException("The caller cancelled the call.", token)), request);
        }

        if (ReadBatch.Collecting is { } batch)
            batch.Add(answer); // started with the other calls of the same read, after it
        else
            router.InvokeLocally(target, request);
        return ValueTask.CompletedTask;
    }

    private void StartBatched(GrainId target, GrainRequest request) => router.InvokeLocally(target, request, mayStartOnCaller: true);

    // A call its caller may cancel with a Cancel frame until it is answered (SendAnswer forgets it).
    private CancellationTokenSource Cancellable(TransportConnection connection, long correlationId)
    {
        var cancellation = new CancellationTokenSource();
        Interlocked.Increment(ref _cancellableInFlight);
        _cancellable[(connection, correlationId)] = cancellation;
        return cancellation;
    }

    /// <summary>Queues an answer frame; the call stops counting as in flight once it is queued.</summary>
    private void SendAnswer(TransportConnection connection, FrameType type, long correlationId, ReadOnlySpan<byte> payload)
    {
        if (Volatile.Read(ref _cancellableInFlight) > 0 && _cancellable.TryRemove((connection, correlationId), out _))
            Interlocked.Decrement(ref _cancellableInFlight);
        var sent = connection.SendAnswer(type, correlationId, payload);
        if (sent.IsCompletedSuccessfully)
            Interlocked.Decrement(ref _inFlight);
        else
            _ = SendAnswerSlowAsync(sent);
    }

    private async Task SendAnswerSlowAsync(ValueTask<bool> sent)
    {
        try
        {
            await sent.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The connection closed: the caller has already failed with SiloUnavailableException.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private sealed class RemoteAnswer(SiloRequestHandler handler, TransportConnection connection, long correlationId, GrainId target,
        GrainRequest request) : IRemoteAnswer, IReadBatchItem
    {
        /// <summary>Starts the call; on a thread that is not the read loop, an idle activation runs it right here.</summary>
        public void Run() => handler.StartBatched(target, request);

        public void Succeed(ReadOnlySpan<byte> result) => handler.SendAnswer(connection, FrameType.Response, correlationId, result);

        public void Fail(Exception exception) => handler.SendAnswer(connection, FrameType.Error, correlationId, ExceptionCodec.Encode(exception));
    }

    // A Cancel frame from the caller cancels the forwarded call, which sends one on to the owner. The request's payload
    // lies in the connection's read buffer: it is copied (MarkForwarded) before the first await, and not read after.
    private async Task ForwardAsync(TransportConnection connection, Frame frame, PlacementView view, Membership.SiloAddress owner,
        CancellationToken cancellationToken)
    {
        Frame answer;
        try
        {
            var reply = await remote.Connections.SendRequestAsync(view.EndPointFor(owner), FrameType.Request,
                RequestCodec.MarkForwarded(frame.Payload.Span), messaging.Value.ResponseTimeout, cancellationToken).ConfigureAwait(false);
            answer = new Frame(reply.Type, frame.CorrelationId, reply.Payload);
        }
        catch (OperationCanceledException cancelled) when (cancellationToken.IsCancellationRequested)
        {
            answer = new Frame(FrameType.Error, frame.CorrelationId, ExceptionCodec.Encode(cancelled)); // the caller gave up: nothing to log
        }
        catch (Exception exception)
        {
            LogForwardFailed(exception, owner);
            answer = new Frame(FrameType.Error, frame.CorrelationId, ExceptionCodec.Encode(exception));
        }

        SendAnswer(connection, answer.Type, answer.CorrelationId, answer.Payload.Span);
    }

    private ValueTask Refuse(TransportConnection connection, Frame frame, string reason)
    {
        LogBadGrainCall(connection.RemoteEndPoint, reason);
        return Ignore(connection.SendAsync(new Frame(FrameType.Error, frame.CorrelationId,
            ExceptionCodec.Encode(new ArgumentException(reason)))));
    }

    private static ValueTask Ignore(ValueTask<bool> sent) =>
        sent.IsCompletedSuccessfully ? ValueTask.CompletedTask : new ValueTask(sent.AsTask());

    [LoggerMessage(EventIds.BadGrainCall, LogLevel.Warning, "Refused a grain call from {RemoteEndPoint}: {Reason}")]
    private partial void LogBadGrainCall(System.Net.EndPoint remoteEndPoint, string reason);

    [LoggerMessage(EventIds.ForwardFailed, LogLevel.Warning, "Forwarding a grain call to its owner {Owner} failed")]
    private partial void LogForwardFailed(Exception exception, Membership.SiloAddress owner);
}
