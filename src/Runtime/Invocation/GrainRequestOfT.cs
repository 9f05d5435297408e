using System.Threading.Tasks.Sources;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Serialization;

namespace Actors.Runtime.Invocation;

/// <summary>
/// A request whose method produces a <typeparamref name="TResult"/> (or <see cref="NoResult"/>). It is the
/// <see cref="IValueTaskSource{TResult}"/> behind the caller's <see cref="ValueTask{TResult}"/>; the first of result,
/// failure, timeout or cancellation wins and the rest are ignored.
/// </summary>
public abstract class GrainRequest<TResult> : GrainRequest, IValueTaskSource<TResult>, IReadBatchItem
{
    // The caller never resumes on the thread that finished the grain's turn: a calling grain's continuation is posted to
    // its own activation, a plain caller's (an HTTP handler) to the thread pool, so no caller code ever runs inside
    // another activation's loop and holds it up.
    private ManualResetValueTaskSourceCore<TResult> _completion = new() { RunContinuationsAsynchronously = true };
    private int _completed;
    private TResult _answered = default!;

    /// <summary>Calls the grain method with the request's arguments. Written by the code generator.</summary>
    protected abstract ValueTask<TResult> InvokeGrainAsync(object grain, CancellationToken cancellationToken);

    internal override bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>The caller's view of the call.</summary>
    internal ValueTask<TResult> AsValueTask() => new(this, _completion.Version);

    internal override void Start(Activation.Activation activation)
    {
        ValueTask<TResult> pending;
        try
        {
            pending = InvokeGrainAsync(activation.Grain!, CancellationToken);
        }
        catch (Exception exception)
        {
            Finish(activation, default!, exception);
            return;
        }

        if (pending.IsCompletedSuccessfully)
            Finish(activation, pending.Result, null);
        else
            _ = FinishWhenDoneAsync(activation, pending);
    }

    // Awaited on the activation's synchronization context, so Finish runs on the activation's turn.
    private async ValueTask FinishWhenDoneAsync(Activation.Activation activation, ValueTask<TResult> pending)
    {
        TResult result;
        try
        {
            result = await pending;
        }
        catch (Exception exception)
        {
            Finish(activation, default!, exception);
            return;
        }

        Finish(activation, result, null);
    }

    private void Finish(Activation.Activation activation, TResult result, Exception? exception)
    {
        activation.OnRequestFinished(this, exception);
        if (exception is null)
            TrySucceed(result);
        else
            TryFail(exception);
    }

    private void TrySucceed(TResult result)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
            return;
        CancellationRegistration.Dispose();
        if (RemoteAnswer is not { } remote)
        {
            if (ReadBatch.Collecting is { } batch)
            {
                // An answer read from another process: the caller resumes with the others of the same read.
                _answered = result;
                batch.Add(this);
                return;
            }

            _completion.SetResult(result);
            return;
        }

        // A call from another process: answer it right here, without waking an awaiter on another thread.
        ReadOnlySpan<byte> bytes;
        try
        {
            bytes = WireFormat.Encode(result);
        }
        catch (Exception exception)
        {
            remote.Fail(exception);
            return;
        }

        remote.Succeed(bytes);
    }

    internal override void SucceedFromWire(ReadOnlySpan<byte> bytes)
    {
        TResult result;
        try
        {
            result = WireFormat.FromBytes<TResult>(bytes);
        }
        catch (Exception exception)
        {
            TryFail(new RemoteGrainException(exception.GetType().FullName!,
                $"The result of {InterfaceName}.{MethodName} could not be read: {exception.Message}"));
            return;
        }

        TrySucceed(result);
    }

    internal override bool TryFail(Exception exception)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
            return false;
        CancellationRegistration.Dispose();
        if (RemoteAnswer is { } remote)
            remote.Fail(exception);
        else
            _completion.SetException(exception);
        return true;
    }

    // Already on a thread-pool thread of the read's batch: a plain caller goes on right here; a calling grain's
    // continuation is still posted to its own activation (the captured context).
    void IReadBatchItem.Run()
    {
        _completion.RunContinuationsAsynchronously = false;
        _completion.SetResult(_answered);
    }

    TResult IValueTaskSource<TResult>.GetResult(short token) => _completion.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<TResult>.GetStatus(short token) => _completion.GetStatus(token);

    void IValueTaskSource<TResult>.OnCompleted(
        Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);
}
