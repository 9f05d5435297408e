namespace Actors.Runtime.Messaging.Transport;

/// <summary>
/// A request sent on a connection and not answered yet: its deadline (checked by the connection's sweep, not by a timer
/// of its own), its cancellation hook and what to do with the outcome. Finished exactly once, by whoever removes it from
/// the connection's pending table first: the answer (<see cref="OnAnswer"/>, on the read loop), or the sweep, the
/// caller's token or the connection closing (<see cref="OnFailure"/>).
/// </summary>
internal abstract class PendingCall(FrameType type, TimeSpan timeout, long deadline)
{
    public FrameType Type { get; } = type;

    /// <summary>The wait the caller asked for, for the timeout's message.</summary>
    public TimeSpan Timeout { get; } = timeout;

    /// <summary>Timestamp (of the connection's <see cref="TimeProvider"/>) after which the call times out.</summary>
    public long Deadline { get; } = deadline;

    /// <summary>Set when the call is sent.</summary>
    public TransportConnection Connection { get; set; } = null!;

    /// <summary>Set when the call is sent.</summary>
    public long CorrelationId { get; set; }

    public CancellationTokenRegistration Registration { get; set; }

    /// <summary>The answer arrived. Runs on the connection's read loop, so it must be short and never block;
    /// <paramref name="payload"/> is only valid during the call (copy what must outlive it).</summary>
    public void Answer(FrameType answerType, ReadOnlySpan<byte> payload)
    {
        Registration.Dispose();
        OnAnswer(answerType, payload);
    }

    /// <summary>No answer will come: timeout, cancellation, or the connection closed.</summary>
    public void Fail(Exception exception)
    {
        Registration.Dispose();
        OnFailure(exception);
    }

    /// <inheritdoc cref="Answer"/>
    protected abstract void OnAnswer(FrameType answerType, ReadOnlySpan<byte> payload);

    /// <inheritdoc cref="Fail"/>
    protected abstract void OnFailure(Exception exception);
}

/// <summary>A pending call whose caller awaits a task of the answer frame. The caller's continuation runs on the thread
/// pool, never on the read loop.</summary>
internal sealed class TaskPendingCall(FrameType type, TimeSpan timeout, long deadline) : PendingCall(type, timeout, deadline)
{
    private readonly TaskCompletionSource<Frame> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Frame> Task => _answer.Task;

    /// <summary>Completes the task as cancelled by <paramref name="token"/>.</summary>
    public void Cancel(CancellationToken token)
    {
        Registration.Dispose();
        _answer.TrySetCanceled(token);
    }

    protected override void OnAnswer(FrameType answerType, ReadOnlySpan<byte> payload) =>
        _answer.TrySetResult(new Frame(answerType, CorrelationId, payload.IsEmpty ? ReadOnlyMemory<byte>.Empty : payload.ToArray()));

    protected override void OnFailure(Exception exception) => _answer.TrySetException(exception);
}
