using Actors.Runtime.Hosting;
using Actors.Runtime.Invocation;
using Actors.Runtime.Persistence;
using Actors.Runtime.Timers;

namespace Actors.Runtime.Activation;

/// <summary>
/// One live instance of a grain on this silo: its mailbox, its scheduler and its lifecycle.
/// <para>
/// <b>The message loop.</b> Requests wait in an intrusive FIFO list (<c>_waiting</c>). The loop
/// (<see cref="RunMessageLoop"/>) runs on a thread-pool thread, with this activation installed as the
/// <see cref="SynchronizationContext"/>, so every <c>await</c> inside grain code posts its continuation back here
/// (<see cref="Post"/>) instead of running on an arbitrary thread. Each pass takes, under the lock, first a posted
/// continuation, else the first waiting request that may start, and runs it outside the lock. Only one thread runs
/// the loop of an activation at a time (<c>_scheduled</c>), so grain code never runs in parallel with itself.
/// </para>
/// <para>
/// <b>Admission.</b> A request may start when nothing is running, or the grain is <see cref="ReentrantAttribute"/>,
/// or the request is <see cref="AlwaysInterleaveAttribute"/>, or it is <see cref="ReadOnlyAttribute"/> and everything
/// running is read-only. A request counts as running from its start until its task completes, so a non-reentrant grain
/// finishes one request, awaits included, before the next begins. Later interleavable requests may overtake a blocked head.
/// </para>
/// <para>
/// <b>Why the loop ends.</b> It stops when it finds nothing runnable (it is scheduled again by the next
/// <see cref="TryEnqueue"/> or <see cref="Post"/>), or after <see cref="ActivationServices.TurnQuantum"/>, when it
/// re-queues itself so one busy activation cannot starve the others. While activating, requests wait; while deactivating
/// they wait and are then re-routed to a fresh activation; an invalid activation refuses them (<see cref="TryEnqueue"/>
/// returns false) and the caller looks the grain up again.
/// </para>
/// </summary>
internal sealed partial class Activation : SynchronizationContext, IThreadPoolWorkItem
{
    private readonly ActivationServices _services;
    private readonly ActivationTable _table;
    private ActivationState _state;
    private bool _scheduled;
    private GrainRequest? _waitingHead;
    private GrainRequest? _waitingTail;
    private int _waitingInterleavable;
    private GrainRequest? _running;
    private int _runningCount;
    private int _runningNotReadOnly;
    private WorkQueue _work;

    public Activation(GrainId grainId, GrainClassInfo classInfo, ActivationServices services, ActivationTable table)
    {
        GrainId = grainId;
        ClassInfo = classInfo;
        _services = services;
        _table = table;
        _lastActive = services.Time.GetTimestamp();
    }

    public GrainId GrainId { get; }

    public GrainClassInfo ClassInfo { get; }

    /// <summary>The grain instance; set once construction succeeds.</summary>
    public object? Grain { get; private set; }

    internal ActivationServices Services => _services;

    /// <summary>Requests waiting to start (for diagnostics and tests).</summary>
    internal int WaitingCount
    {
        get
        {
            lock (this)
            {
                var count = 0;
                for (var request = _waitingHead; request is not null; request = request.Next)
                    count++;
                return count;
            }
        }
    }

    /// <summary>
    /// Adds a request to the mailbox. False if the activation is already gone: look the grain up again. With
    /// <paramref name="mayStartOnCaller"/> (the caller is not a grain; see <see cref="SchedulingOptions.StartIdleTurnsOnCaller"/>)
    /// and nothing running, waiting or posted here, the request instead starts at once on the calling thread
    /// (<see cref="StartOnCaller"/>).
    /// </summary>
    public bool TryEnqueue(GrainRequest request, bool mayStartOnCaller = false)
    {
        bool startHere;
        lock (this)
        {
            if (_state == ActivationState.Invalid)
                return false;
            startHere = mayStartOnCaller && _services.StartIdleTurnsOnCaller && _state == ActivationState.Valid && !_scheduled
                && _waitingHead is null && _work.Count == 0 && CanStart(request);
            if (startHere)
            {
                MarkRunning(request);
            }
            else
            {
                AppendWaiting(request);
                if (_state != ActivationState.Valid || _scheduled)
                    return true;
            }

            _scheduled = true;
        }

        if (startHere)
            StartOnCaller(request);
        else
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return true;
    }

    /// <summary>
    /// Runs the first part of <paramref name="request"/>'s turn (up to its first incomplete <c>await</c>) on the calling
    /// thread, as the loop would: this activation owns the loop meanwhile (<c>_scheduled</c>) and is the synchronization
    /// context, so the rest of the turn is posted back here. Whatever arrived meanwhile is left to the loop on the thread
    /// pool, so the caller only ever runs its own request. A method that finishes synchronously has completed the
    /// caller's awaitable before this returns, so the caller goes on without a thread hop.
    /// </summary>
    private void StartOnCaller(GrainRequest request)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            request.Start(this);
        }
        finally
        {
            SetSynchronizationContext(previous);
            bool more;
            lock (this)
            {
                more = _work.Count > 0 || _waitingHead is not null;
                if (!more)
                    _scheduled = false;
            }

            if (more)
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    // Under the lock.
    private void AppendWaiting(GrainRequest request)
    {
        if (_waitingTail is null)
            _waitingHead = request;
        else
            _waitingTail.Next = request;
        _waitingTail = request;
        if (request.Flags != RequestFlags.None)
            _waitingInterleavable++;
    }

    /// <summary>Queues a continuation of grain code onto this activation (the <c>await</c> path).</summary>
    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (this)
        {
            _work.Enqueue(d, state);
            if (_scheduled)
                return;
            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>Synchronous sends would block a turn on itself; grain code never needs them.</summary>
    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send is not supported on a grain activation; use await.");

    /// <summary>The activation is its own context; copies would break the one-thread-at-a-time rule.</summary>
    public override SynchronizationContext CreateCopy() => this;

    void IThreadPoolWorkItem.Execute() => RunMessageLoop();

    private void RunMessageLoop()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        var started = Environment.TickCount64;
        try
        {
            for (var processed = 1; ; processed++)
            {
                SendOrPostCallback? callback;
                object? state;
                GrainRequest? request = null;
                lock (this)
                {
                    if (!_work.TryDequeue(out callback, out state))
                    {
                        request = TakeStartableRequest();
                        if (request is null)
                        {
                            _scheduled = false;
                            return;
                        }
                    }
                }

                if (request is not null)
                    request.Start(this);
                else
                    RunWorkItem(callback!, state);

                if ((processed & 15) == 0 && Environment.TickCount64 - started > _services.TurnQuantum.TotalMilliseconds)
                {
                    // Yield the thread but stay scheduled: nobody else may start this loop meanwhile.
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                    return;
                }
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    private void RunWorkItem(SendOrPostCallback callback, object? state)
    {
        try
        {
            callback(state);
        }
        catch (Exception exception)
        {
            LogWorkItemFailed(_services.Logger, exception, GrainId);
        }
    }

    // Under the lock. Takes the first waiting request that may start now and marks it running.
    private GrainRequest? TakeStartableRequest()
    {
        if (_state != ActivationState.Valid)
            return null;
        GrainRequest? previous = null;
        var request = _waitingHead;
        while (request is not null)
        {
            var next = request.Next;
            if (request.IsCompleted)
            {
                Unlink(request, previous); // timed out or cancelled while waiting: drop it
            }
            else if (CanStart(request))
            {
                Unlink(request, previous);
                MarkRunning(request);
                return request;
            }
            else if (_waitingInterleavable == 0)
            {
                return null; // the head must wait and nothing behind it may overtake
            }
            else
            {
                previous = request;
            }

            request = next;
        }

        return null;
    }

    // Under the lock.
    private void MarkRunning(GrainRequest request)
    {
        request.Next = _running;
        _running = request;
        _runningCount++;
        if ((request.Flags & RequestFlags.ReadOnly) == 0)
            _runningNotReadOnly++;
    }

    private bool CanStart(GrainRequest request)
    {
        if (_runningCount == 0 || ClassInfo.IsReentrant)
            return true;
        var flags = request.Flags;
        return (flags & RequestFlags.AlwaysInterleave) != 0
            || ((flags & RequestFlags.ReadOnly) != 0 && _runningNotReadOnly == 0);
    }

    private void Unlink(GrainRequest request, GrainRequest? previous)
    {
        if (previous is null)
            _waitingHead = request.Next;
        else
            previous.Next = request.Next;
        if (ReferenceEquals(_waitingTail, request))
            _waitingTail = previous;
        request.Next = null;
        if (request.Flags != RequestFlags.None)
            _waitingInterleavable--;
    }

    /// <summary>
    /// Called on this activation's turn when a request's method has finished (before its caller is told):
    /// records statistics, frees the running slot, and starts deactivation if it is due.
    /// </summary>
    public void OnRequestFinished(GrainRequest request, Exception? exception)
    {
        var now = _services.Time.GetTimestamp();
        var isCall = request is not TimerTickRequest;
        if (isCall)
        {
            var elapsed = _services.Time.GetElapsedTime(request.SentTimestamp, now);
            ClassInfo.StatisticsFor(request).Record(elapsed, exception is not null);
            _services.Metrics.RecordCall(ClassInfo.GrainType, request, elapsed, exception is not null);
        }

        lock (this)
        {
            RemoveRunning(request);
            if (isCall || ((TimerTickRequest)request).KeepAlive)
                _lastActive = now;
            if (exception is InconsistentStateException && _state == ActivationState.Valid)
            {
                LogInconsistentState(_services.Logger, exception, GrainId, request.InterfaceName, request.MethodName);
                BeginDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationError,
                    "a grain method let an InconsistentStateException escape", exception));
            }

            if (_state == ActivationState.Deactivating && _runningCount == 0)
                EnqueueDeactivation();
        }
    }

    private void RemoveRunning(GrainRequest request)
    {
        GrainRequest? previous = null;
        for (var current = _running; current is not null; previous = current, current = current.Next)
        {
            if (!ReferenceEquals(current, request))
                continue;
            if (previous is null)
                _running = current.Next;
            else
                previous.Next = current.Next;
            current.Next = null;
            _runningCount--;
            if ((request.Flags & RequestFlags.ReadOnly) == 0)
                _runningNotReadOnly--;
            return;
        }
    }

    /// <summary>Adds to <paramref name="expired"/> the requests whose deadline has passed, removing waiting ones
    /// from the mailbox. Running ones stay running: their grain code is still executing.</summary>
    public void CollectExpired(long now, List<GrainRequest> expired)
    {
        lock (this)
        {
            GrainRequest? previous = null;
            for (var request = _waitingHead; request is not null;)
            {
                var next = request.Next;
                if (request.IsCompleted || request.DeadlineTimestamp <= now)
                {
                    Unlink(request, previous);
                    if (!request.IsCompleted)
                        expired.Add(request);
                }
                else
                {
                    previous = request;
                }

                request = next;
            }

            for (var request = _running; request is not null; request = request.Next)
            {
                if (!request.IsCompleted && request.DeadlineTimestamp <= now)
                    expired.Add(request);
            }
        }
    }

    internal void AddStateLoader(IActivationStateLoader loader) => (_stateLoaders ??= []).Add(loader);
}
