namespace Actors.Runtime.Tests.Grains;

/// <summary>A non-reentrant grain whose calls report to the probe named by the grain key.</summary>
public interface ITurnGrain : IGrainWithStringKey
{
    /// <summary>Enters, waits for the probe's gate, exits.</summary>
    Task Block(string label);

    [ReadOnly]
    Task BlockReadOnly(string label);

    [AlwaysInterleave]
    Task BlockInterleaved(string label);

    Task<string> Echo(string text);

    ValueTask<int> Add(int left, int right);

    Task Throw(string message);

    Task ThrowCustom(string message);

    Task<int> WaitForCancellation(CancellationToken cancellationToken);

    Task DeactivateOnIdleNow();

    Task KeepAliveFor(TimeSpan period);

    /// <summary>Calls <paramref name="otherKey"/>'s Echo and reports whether the code after the await ran back on this
    /// grain's own activation.</summary>
    Task<bool> CallOtherAndCheckContext(string otherKey);
}

/// <summary>The same calls on a [Reentrant] grain.</summary>
public interface IReentrantTurnGrain : IGrainWithStringKey
{
    Task Block(string label);
}

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartTimer(TimeSpan dueTime, TimeSpan period);
}

public sealed record CounterState
{
    public int Value { get; init; }
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    [ReadOnly]
    Task<int> Get();
}

public interface IReminderGrain : IGrainWithStringKey, IRemindable
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);

    Task Unregister(string name);
}

public interface IGuidKeyGrain : IGrainWithGuidKey
{
    Task<Guid> GetKey();
}

public interface IIntegerKeyGrain : IGrainWithIntegerKey
{
    Task<long> GetKey();
}

/// <summary>A test-defined exception type, to check that types cross the call boundary unchanged.</summary>
public sealed class TestGrainException(string message) : Exception(message);

/// <summary>Reports where its turns run, for the tests of <see cref="Hosting.SchedulingOptions.StartIdleTurnsOnCaller"/>.</summary>
public interface ICallerThreadGrain : IGrainWithStringKey
{
    /// <summary>The thread the method runs on, answered without awaiting.</summary>
    ValueTask<int> ThreadId();

    /// <summary>Whether the continuation after an <c>await</c> runs with the activation as synchronization context.</summary>
    Task<bool> ContextAfterAwait();

    /// <summary>Calls <paramref name="otherKey"/>'s <see cref="WaitForGate"/> and only then opens the gate: true if the
    /// call returned to this grain before the other grain's method finished (it was queued, not run on this turn).</summary>
    Task<bool> CallOtherThenOpenGate(string otherKey, string gateId);

    /// <summary>Waits (synchronously, up to 5 s) for the gate <paramref name="gateId"/>; true if it opened.</summary>
    ValueTask<bool> WaitForGate(string gateId);
}
