using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Runtime.Tests.Timers;

public sealed class GrainTimerTests
{
    // The timer is re-armed just after a tick's callback returns, on another thread; step the clock until it fires.
    private static Task AdvanceUntilEventAsync(FakeTimeProvider time, TimeSpan step, Probe probe) =>
        Eventually.TrueAsync(() =>
        {
            time.Advance(step);
            return probe.TryPeek(out _);
        }, "the next tick");

    [Fact]
    public async Task Timer_TicksAfterDueTimeAndPeriod()
    {
        var time = new FakeTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var probe = Probe.Create();
        await silo.Grains.GetGrain<ITimerGrain>(probe.Id).StartTimer(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
        await probe.ExpectAsync("activate");

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(probe.TryPeek(out var early), $"ticked before its due time: {early}");
        time.Advance(TimeSpan.FromSeconds(1));
        await probe.ExpectAsync("enter tick 1");
        probe.OpenGate();
        await probe.ExpectAsync("exit tick 1");

        // The next tick is timed from the end of the previous one.
        await AdvanceUntilEventAsync(time, TimeSpan.FromSeconds(5), probe);
        await probe.ExpectAsync("enter tick 2");
        probe.OpenGate();
        await probe.ExpectAsync("exit tick 2");
    }

    [Fact]
    public async Task SlowTick_IsNeverOverlappedByTheNextOne()
    {
        var time = new FakeTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var probe = Probe.Create();
        await silo.Grains.GetGrain<ITimerGrain>(probe.Id).StartTimer(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        await probe.ExpectAsync("activate");
        time.Advance(TimeSpan.FromSeconds(1));
        await probe.ExpectAsync("enter tick 1");

        for (var i = 0; i < 10; i++)
            time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.False(probe.TryPeek(out var overlapping), $"a tick started while the first was running: {overlapping}");

        probe.OpenGate();
        await probe.ExpectAsync("exit tick 1");
        await AdvanceUntilEventAsync(time, TimeSpan.FromSeconds(1), probe);
        await probe.ExpectAsync("enter tick 2");
        probe.OpenGate();
        await probe.ExpectAsync("exit tick 2");
        Assert.Equal(1, probe.MaxConcurrency);
    }

    [Fact]
    public async Task Timer_StopsWhenTheActivationDeactivates()
    {
        var time = new FakeTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var probe = Probe.Create();
        var timerGrain = silo.Grains.GetGrain<ITimerGrain>(probe.Id);
        await timerGrain.StartTimer(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        await probe.ExpectAsync("activate");

        silo.ActivationOf(timerGrain).Deactivate(new DeactivationReason(DeactivationReasonCode.RuntimeRequested, "test"));
        await probe.ExpectAsync("deactivate RuntimeRequested");
        time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(50);

        Assert.False(probe.TryPeek(out var tick), $"the timer outlived its activation: {tick}");
    }
}
