using System.Reflection;
using Actors.Runtime.Invocation;
using Actors.Runtime.Persistence;
using Actors.Runtime.Timers;

namespace Actors.Runtime.Activation;

// Activation and deactivation, idle collection and keep-alive, and timers. Both lifecycle steps run as work items on
// the activation's own loop, so they never overlap a request.
internal sealed partial class Activation
{
    private static readonly SendOrPostCallback ActivateCallback = static state => _ = ((Activation)state!).RunActivationAsync();
    private static readonly SendOrPostCallback DeactivateCallback = static state => _ = ((Activation)state!).RunDeactivationAsync();

    [ThreadStatic]
    private static Activation? t_constructing;

    private long _lastActive;
    private long _keepAliveUntil;
    private bool _deactivationQueued;
    private bool _finished;
    private DeactivationReason? _deactivationReason;
    private List<IActivationStateLoader>? _stateLoaders;
    private List<GrainTimer>? _timers;
    private TaskCompletionSource? _deactivated;

    /// <summary>The activation whose grain is being constructed on this thread; read by the <see cref="Runtime.Grain"/> constructor.</summary>
    internal static Activation? Constructing => t_constructing;

    /// <summary>Starts activating, with the request that caused it first in the mailbox (so an activation failure reaches
    /// that request). Called once, by the table, after this activation won its place there.</summary>
    public void Start(GrainRequest firstRequest)
    {
        lock (this)
        {
            AppendWaiting(firstRequest);
            _work.Enqueue(ActivateCallback, this);
            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    private async Task RunActivationAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_services.Collection.ActivationTimeout, _services.Time);
            if (_services.HandoverTimeout > TimeSpan.Zero &&
                await _services.Placement.WaitForHandoverAsync(GrainId, _services.HandoverTimeout, _services.Time, timeout.Token) is { } leaving)
            {
                LogHandoverWaitExpired(_services.Logger, GrainId, leaving, _services.HandoverTimeout);
            }

            t_constructing = this;
            try
            {
                Grain = ClassInfo.CreateInstance(_services.Services, this);
            }
            finally
            {
                t_constructing = null;
            }

            foreach (var loader in _stateLoaders ?? [])
                await loader.ReadStateAsync(timeout.Token);
            if (Grain is Grain grain)
                await grain.OnActivateAsync(timeout.Token);
        }
        catch (Exception exception)
        {
            FailActivation(exception is TargetInvocationException { InnerException: { } inner } ? inner : exception);
            return;
        }

        lock (this)
        {
            _state = ActivationState.Valid;
            _lastActive = _services.Time.GetTimestamp();
            if (_deactivationReason is { } requested)
            {
                _deactivationReason = null;
                BeginDeactivation(requested);
            }
        }

        ClassInfo.OnActivationCreated();
        LogActivationCreated(_services.Logger, GrainId);
        // The loop that ran this continues with the requests that waited for activation.
    }

    private void FailActivation(Exception cause)
    {
        GrainRequest? waiting;
        lock (this)
        {
            _state = ActivationState.Invalid;
            waiting = TakeAllWaiting();
        }

        _table.Remove(this);
        DisposeTimers();
        LogActivationFailed(_services.Logger, cause, GrainId);
        var failure = new ActivationFailedException(GrainId, cause);
        for (var request = waiting; request is not null;)
        {
            var next = request.Next;
            request.Next = null;
            request.TryFail(failure);
            request = next;
        }

        Finish();
    }

    /// <summary>Asks the activation to deactivate once its running requests finish. Safe from any thread.</summary>
    public void Deactivate(DeactivationReason reason)
    {
        lock (this)
        {
            if (_state == ActivationState.Activating)
                _deactivationReason ??= reason; // applied when activation completes
            else
                BeginDeactivation(reason);
        }
    }

    /// <summary>Deactivates if idle (past the class's collection age, unless <paramref name="ignoreAge"/>) and not kept
    /// alive. Returns whether it started.</summary>
    public bool TryCollectIfIdle(long now, bool ignoreAge)
    {
        lock (this)
        {
            if (_state != ActivationState.Valid || _runningCount > 0 || _waitingHead is not null || _work.Count > 0)
                return false;
            if (_keepAliveUntil > now || (!ignoreAge && _services.Time.GetElapsedTime(_lastActive, now) < ClassInfo.CollectionAge))
                return false;
            BeginDeactivation(new DeactivationReason(DeactivationReasonCode.ActivationIdle, "idle longer than its collection age"));
            return true;
        }
    }

    /// <summary>Keeps the activation from idle collection for <paramref name="period"/> (Infinite: always; Zero: cancels).</summary>
    public void DelayDeactivation(TimeSpan period)
    {
        var until = period == Timeout.InfiniteTimeSpan ? long.MaxValue
            : period <= TimeSpan.Zero ? 0
            : _services.Time.GetTimestamp() + (long)(period.Ticks * (double)_services.Time.TimestampFrequency / TimeSpan.TicksPerSecond);
        lock (this)
            _keepAliveUntil = until;
    }

    /// <summary>Completes when the activation has left the table (deactivated or failed to activate).</summary>
    public Task WhenDeactivated()
    {
        lock (this)
        {
            return _finished
                ? Task.CompletedTask
                : (_deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    // Under the lock.
    private void BeginDeactivation(DeactivationReason reason)
    {
        if (_state != ActivationState.Valid)
            return;
        _state = ActivationState.Deactivating;
        _deactivationReason = reason;
        if (_runningCount == 0)
            EnqueueDeactivation();
    }

    // Under the lock.
    private void EnqueueDeactivation()
    {
        if (_deactivationQueued)
            return;
        _deactivationQueued = true;
        _work.Enqueue(DeactivateCallback, this);
        if (_scheduled)
            return;
        _scheduled = true;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    private async Task RunDeactivationAsync()
    {
        var reason = _deactivationReason ?? new DeactivationReason(DeactivationReasonCode.None, "");
        DisposeTimers();
        if (Grain is Grain grain)
        {
            try
            {
                using var timeout = new CancellationTokenSource(_services.Collection.DeactivationTimeout, _services.Time);
                await grain.OnDeactivateAsync(reason, timeout.Token);
            }
            catch (Exception exception)
            {
                LogDeactivationFailed(_services.Logger, exception, GrainId, reason.Code);
            }
        }

        GrainRequest? waiting;
        lock (this)
        {
            _state = ActivationState.Invalid;
            waiting = TakeAllWaiting();
        }

        _table.Remove(this);
        ClassInfo.OnActivationRemoved();
        LogActivationDeactivated(_services.Logger, GrainId, reason.Code, reason.Description);
        for (var request = waiting; request is not null;)
        {
            var next = request.Next;
            request.Next = null;
            if (request is TimerTickRequest tick)
                tick.TryFail(new ObjectDisposedException(GrainId.ToString(), "The activation deactivated."));
            else if (!request.IsCompleted)
                _services.Router.Reroute(GrainId, request);
            request = next;
        }

        Finish();
    }

    private void Finish()
    {
        TaskCompletionSource? deactivated;
        lock (this)
        {
            _finished = true;
            deactivated = _deactivated;
        }

        deactivated?.TrySetResult();
    }

    // Under the lock.
    private GrainRequest? TakeAllWaiting()
    {
        var waiting = _waitingHead;
        _waitingHead = _waitingTail = null;
        _waitingInterleavable = 0;
        return waiting;
    }

    internal void AddTimer(GrainTimer timer)
    {
        lock (this)
        {
            if (_state is ActivationState.Invalid or ActivationState.Deactivating)
                throw new InvalidOperationException($"Grain {GrainId} is deactivating; it cannot register timers.");
            (_timers ??= []).Add(timer);
        }
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (this)
            _timers?.Remove(timer);
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (this)
        {
            if (_timers is null)
                return;
            timers = [.. _timers];
            _timers = null;
        }

        foreach (var timer in timers)
            timer.Dispose();
    }
}
