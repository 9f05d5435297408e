namespace Actors.Runtime.Messaging.Transport;

/// <summary>
/// A request sent on a connection and not answered yet: the caller's task, its deadline (checked by the connection's
/// sweep, not by a timer of its own) and its cancellation hook. Completed exactly once, by whoever removes it from the
/// connection's pending table first: the answer, the sweep, the caller's token, or the connection closing. The caller's
/// continuation runs on the thread pool, unless the caller asked to continue where the answer is handled
/// (<paramref name="continueInline"/>: on the read loop for an answer), which saves a thread hop per call for a caller
/// whose continuation is short and never blocks.
/// </summary>
internal sealed class PendingCall(TransportConnection connection, FrameType type, long correlationId, TimeSpan timeout, long deadline, bool continueInline = false)
    : TaskCompletionSource<Frame>(continueInline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously)
{
    public TransportConnection Connection { get; } = connection;

    public FrameType Type { get; } = type;

    public long CorrelationId { get; } = correlationId;

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>Timestamp (of the connection's <see cref="TimeProvider"/>) after which the call times out.</summary>
    public long Deadline { get; } = deadline;

    public CancellationTokenRegistration Registration { get; set; }

    public void Complete(Frame answer)
    {
        Registration.Dispose();
        TrySetResult(answer);
    }

    public void Fail(Exception exception)
    {
        Registration.Dispose();
        TrySetException(exception);
    }
}
