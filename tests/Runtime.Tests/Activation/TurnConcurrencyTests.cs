using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Activation;

public sealed class TurnConcurrencyTests
{
    [Fact]
    public async Task NonReentrantGrain_SecondCallWhileFirstAwaits_WaitsUntilFirstFinishes()
    {
        await using var silo = await TestSilo.StartAsync();
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<ITurnGrain>(probe.Id);

        var first = grain.Block("first");
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync("enter first");
        var second = grain.Block("second");
        var activation = silo.ActivationOf(grain);
        await Eventually.TrueAsync(() => activation.WaitingCount == 1, "the second call is queued");

        Assert.False(probe.TryPeek(out var early), $"the second call started while the first was running: {early}");
        probe.OpenGate();
        await probe.ExpectAsync("exit first");
        await probe.ExpectAsync("enter second");
        probe.OpenGate();
        await Task.WhenAll(first, second);
        Assert.Equal(1, probe.MaxConcurrency);
    }

    [Fact]
    public async Task ReentrantGrain_SecondCallWhileFirstAwaits_Interleaves()
    {
        await using var silo = await TestSilo.StartAsync();
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<IReentrantTurnGrain>(probe.Id);

        var first = grain.Block("first");
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync("enter first");
        var second = grain.Block("second");
        await probe.ExpectAsync("enter second");

        probe.OpenGate();
        await Task.WhenAll(first, second);
        Assert.Equal(2, probe.MaxConcurrency);
    }

    [Fact]
    public async Task ReadOnlyCalls_RunConcurrentlyWithEachOther()
    {
        await using var silo = await TestSilo.StartAsync();
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<ITurnGrain>(probe.Id);

        var first = grain.BlockReadOnly("first");
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync("enter first");
        var second = grain.BlockReadOnly("second");
        await probe.ExpectAsync("enter second");

        probe.OpenGate();
        await Task.WhenAll(first, second);
        Assert.Equal(2, probe.MaxConcurrency);
    }

    [Fact]
    public async Task ReadOnlyCall_WhileOrdinaryCallRuns_Waits()
    {
        await using var silo = await TestSilo.StartAsync();
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<ITurnGrain>(probe.Id);

        var write = grain.Block("write");
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync("enter write");
        var read = grain.BlockReadOnly("read");
        var activation = silo.ActivationOf(grain);
        await Eventually.TrueAsync(() => activation.WaitingCount == 1, "the read is queued");

        Assert.False(probe.TryPeek(out var early), $"the read started during the write: {early}");
        probe.OpenGate();
        await probe.ExpectAsync("exit write");
        await probe.ExpectAsync("enter read");
        probe.OpenGate();
        await Task.WhenAll(write, read);
    }

    [Fact]
    public async Task AlwaysInterleaveCall_WhileOrdinaryCallRuns_StartsAtOnce()
    {
        await using var silo = await TestSilo.StartAsync();
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<ITurnGrain>(probe.Id);

        var ordinary = grain.Block("ordinary");
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync("enter ordinary");
        var interleaved = grain.BlockInterleaved("interleaved");
        await probe.ExpectAsync("enter interleaved");

        probe.OpenGate();
        await Task.WhenAll(ordinary, interleaved);
    }

    [Fact]
    public async Task ManyConcurrentCalls_OnNonReentrantGrain_NeverOverlap()
    {
        await using var silo = await TestSilo.StartAsync();
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<ICounterGrain>(probe.Id);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => grain.Increment())));

        // Each increment reads, awaits a write, and returns; any overlap would repeat a value.
        Assert.Equal(Enumerable.Range(1, 200), results.Order());
        Assert.Equal(200, await grain.Get());
    }
}
