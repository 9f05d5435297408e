using Actors.Runtime.Hosting;
using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Activation;

/// <summary>Where a call's turn starts (<see cref="SchedulingOptions.StartIdleTurnsOnCaller"/>).</summary>
public sealed class CallerThreadTurnTests
{
    [Fact]
    public async Task CallFromOutsideGrains_ToIdleActivation_RunsOnTheCallersThreadAndIsDoneWhenItReturns()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICallerThreadGrain>(Guid.NewGuid().ToString("N"));
        await grain.ThreadId(); // activates, on the activation's loop

        // Right after activating, the loop may still own the activation for a moment; then it is idle.
        await Eventually.TrueAsync(() =>
        {
            var caller = Environment.CurrentManagedThreadId;
            var pending = grain.ThreadId();
            return pending.IsCompletedSuccessfully && pending.Result == caller;
        }, "a call to the idle activation ran on the caller's thread and completed before returning");
    }

    [Fact]
    public async Task CallFromOutsideGrains_WhenTurnAwaits_RestOfTurnRunsOnTheActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICallerThreadGrain>(Guid.NewGuid().ToString("N"));
        await grain.ThreadId();

        for (var i = 0; i < 20; i++)
            Assert.True(await grain.ContextAfterAwait());
    }

    [Fact]
    public async Task CallFromAGrain_IsQueuedToTheCalleesLoop_NeverRunOnTheCallersTurn()
    {
        await using var silo = await TestSilo.StartAsync();
        var caller = silo.Grains.GetGrain<ICallerThreadGrain>(Guid.NewGuid().ToString("N"));
        var calleeKey = Guid.NewGuid().ToString("N");
        await silo.Grains.GetGrain<ICallerThreadGrain>(calleeKey).ThreadId();

        // Run on the caller's turn, the callee would wait 5 s for a gate the caller opens only after the call returns.
        Assert.True(await caller.CallOtherThenOpenGate(calleeKey, Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public async Task StartIdleTurnsOnCallerOff_CallFromOutsideGrains_RunsOnTheActivationsLoop()
    {
        await using var silo = await TestSilo.StartAsync(configure: s => s.Configure<SchedulingOptions>(o => o.StartIdleTurnsOnCaller = false));
        var grain = silo.Grains.GetGrain<ICallerThreadGrain>(Guid.NewGuid().ToString("N"));
        await grain.ThreadId();

        for (var i = 0; i < 20; i++)
        {
            var (caller, ranOn) = CallAndBlock(grain);
            Assert.NotEqual(caller, ranOn);
        }
    }

    /// <summary>The caller blocks until the answer, so the turn cannot run on its thread unless it ran inside the call.</summary>
    private static (int Caller, int RanOn) CallAndBlock(ICallerThreadGrain grain) =>
        (Environment.CurrentManagedThreadId, grain.ThreadId().AsTask().GetAwaiter().GetResult());
}
