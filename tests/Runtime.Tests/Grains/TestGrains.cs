using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Grains;

public abstract class ProbeGrain : Grain
{
    protected Probe Probe => Probe.For(GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Probe.Record("activate");
        if (Interlocked.Decrement(ref Probe.ActivationsToFail) >= 0)
            throw new InvalidOperationException("activation refused by the test");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Probe.Record("deactivate " + reason.Code);
        return Task.CompletedTask;
    }

    public async Task Block(string label)
    {
        var gate = Probe.Gate.Task; // taken before "enter" is reported, so the test cannot open it in between
        Probe.Enter(label);
        await gate;
        Probe.Exit(label);
    }
}

public sealed class TurnGrain : ProbeGrain, ITurnGrain
{
    public Task BlockReadOnly(string label) => Block(label);

    public Task BlockInterleaved(string label) => Block(label);

    public Task<string> Echo(string text) => Task.FromResult(text);

    public ValueTask<int> Add(int left, int right) => ValueTask.FromResult(left + right);

    public Task Throw(string message) => throw new ArgumentException(message, "value");

    public async Task ThrowCustom(string message)
    {
        await Task.Yield();
        throw new TestGrainException(message);
    }

    public async Task<int> WaitForCancellation(CancellationToken cancellationToken)
    {
        Probe.Enter("wait");
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

    public Task DeactivateOnIdleNow()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task<bool> CallOtherAndCheckContext(string otherKey)
    {
        var before = SynchronizationContext.Current;
        await GrainFactory.GetGrain<ITurnGrain>(otherKey).Echo("ping");
        return before is not null && ReferenceEquals(before, SynchronizationContext.Current);
    }

    public Task KeepAliveFor(TimeSpan period)
    {
        DelayDeactivation(period);
        return Task.CompletedTask;
    }
}

[Reentrant]
public sealed class ReentrantTurnGrain : ProbeGrain, IReentrantTurnGrain;

public sealed class TimerGrain : ProbeGrain, ITimerGrain
{
    private int _ticks;

    public Task StartTimer(TimeSpan dueTime, TimeSpan period)
    {
        RegisterGrainTimer(async _ =>
        {
            var tick = ++_ticks;
            var gate = Probe.Gate.Task;
            Probe.Enter("tick " + tick);
            await gate;
            Probe.Exit("tick " + tick);
        }, new GrainTimerCreationOptions { DueTime = dueTime, Period = period });
        return Task.CompletedTask;
    }
}

public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> counter) : ProbeGrain, ICounterGrain
{
    public async Task<int> Increment()
    {
        counter.State = counter.State with { Value = counter.State.Value + 1 };
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<int> Get() => Task.FromResult(counter.State.Value);
}

public sealed class ReminderGrain : ProbeGrain, IReminderGrain
{
    public Task Register(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public async Task Unregister(string name)
    {
        var reminder = await GetReminder(name) ?? throw new InvalidOperationException($"no reminder {name}");
        await UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Probe.Record($"tick {reminderName} {status.CurrentTickTime:O}");
        return Task.CompletedTask;
    }
}

public sealed class GuidKeyGrain : Grain, IGuidKeyGrain
{
    public Task<Guid> GetKey() => Task.FromResult(GetPrimaryKey());
}

public sealed class IntegerKeyGrain : Grain, IIntegerKeyGrain
{
    public Task<long> GetKey() => Task.FromResult(GetPrimaryKeyLong());
}

public sealed class CallerThreadGrain : Grain, ICallerThreadGrain
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ManualResetEventSlim> Gates = new();

    public ValueTask<int> ThreadId() => ValueTask.FromResult(Environment.CurrentManagedThreadId);

    public async Task<bool> ContextAfterAwait()
    {
        var context = SynchronizationContext.Current;
        await Task.Yield();
        return context is not null && ReferenceEquals(context, SynchronizationContext.Current);
    }

    public async Task<bool> CallOtherThenOpenGate(string otherKey, string gateId)
    {
        var pending = GrainFactory.GetGrain<ICallerThreadGrain>(otherKey).WaitForGate(gateId);
        var returnedFirst = !pending.IsCompleted;
        Gates.GetOrAdd(gateId, _ => new ManualResetEventSlim()).Set();
        return returnedFirst && await pending;
    }

    public ValueTask<bool> WaitForGate(string gateId) =>
        ValueTask.FromResult(Gates.GetOrAdd(gateId, _ => new ManualResetEventSlim()).Wait(TimeSpan.FromSeconds(5)));
}
