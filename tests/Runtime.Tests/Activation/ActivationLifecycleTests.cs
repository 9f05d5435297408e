using Actors.Runtime.Hosting;
using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Runtime.Tests.Activation;

public sealed class ActivationLifecycleTests
{
    private static Task<TestSilo> StartWithCollectionAge(FakeTimeProvider time) =>
        TestSilo.StartAsync(time, silo => silo.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(10);
            o.CollectionQuantum = TimeSpan.FromMinutes(1);
        }));

    [Fact]
    public async Task FailedActivation_FailsTheCallWithTheCause_AndLeavesNothingBehind()
    {
        await using var silo = await TestSilo.StartAsync();
        var probe = Probe.Create();
        probe.ActivationsToFail = 1;
        var grain = silo.Grains.GetGrain<ITurnGrain>(probe.Id);

        var failure = await Assert.ThrowsAsync<ActivationFailedException>(() => grain.Echo("x"));
        Assert.IsType<InvalidOperationException>(failure.InnerException);
        Assert.Contains("activation refused by the test", failure.Message);
        Assert.False(silo.Activations.TryGet(((GrainReference)grain).GrainId, out _));

        Assert.Equal("y", await grain.Echo("y"));
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync("activate");
    }

    [Fact]
    public async Task IdleActivation_IsDeactivatedAfterCollectionAge_NotBefore()
    {
        var time = new FakeTimeProvider();
        await using var silo = await StartWithCollectionAge(time);
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<ITurnGrain>(probe.Id);
        await grain.Echo("wake");
        await probe.ExpectAsync("activate");

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(silo.Activations.TryGet(((GrainReference)grain).GrainId, out _));
        Assert.False(probe.TryPeek(out var early), $"deactivated too early: {early}");

        time.Advance(TimeSpan.FromMinutes(2));
        await probe.ExpectAsync("deactivate ActivationIdle");
        await Eventually.TrueAsync(() => !silo.Activations.TryGet(((GrainReference)grain).GrainId, out _), "the activation leaves the table");
    }

    [Fact]
    public async Task CallsKeepAnActivationAlive()
    {
        var time = new FakeTimeProvider();
        await using var silo = await StartWithCollectionAge(time);
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<ITurnGrain>(probe.Id);
        await grain.Echo("wake");
        await probe.ExpectAsync("activate");

        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromMinutes(6));
            await grain.Echo("still here");
        }

        Assert.False(probe.TryPeek(out var early), $"collected while in use: {early}");
    }

    [Fact]
    public async Task DelayDeactivation_KeepsAnIdleActivationForThePeriod()
    {
        var time = new FakeTimeProvider();
        await using var silo = await StartWithCollectionAge(time);
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<ITurnGrain>(probe.Id);
        await grain.KeepAliveFor(TimeSpan.FromMinutes(30));
        await probe.ExpectAsync("activate");

        time.Advance(TimeSpan.FromMinutes(25));
        Assert.False(probe.TryPeek(out var early), $"collected while kept alive: {early}");

        time.Advance(TimeSpan.FromMinutes(6));
        await probe.ExpectAsync("deactivate ActivationIdle");
    }

    [Fact]
    public async Task DeactivateOnIdle_DeactivatesAfterTheCall_AndTheNextCallActivatesAgain()
    {
        await using var silo = await TestSilo.StartAsync();
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<ITurnGrain>(probe.Id);

        await grain.DeactivateOnIdleNow();
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync("deactivate ApplicationRequested");

        Assert.Equal("again", await grain.Echo("again"));
        await probe.ExpectAsync("activate");
    }

    [Fact]
    public async Task CallsQueuedDuringDeactivation_AreServedByTheNextActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<ITurnGrain>(probe.Id);
        var blocked = grain.Block("before");
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync("enter before");

        var deactivate = grain.DeactivateOnIdleNow(); // queued behind the blocked call
        var later = grain.Echo("after deactivation");
        probe.OpenGate();

        await Task.WhenAll(blocked, deactivate);
        Assert.Equal("after deactivation", await later);
        await probe.ExpectAsync("exit before");
        await probe.ExpectAsync("deactivate ApplicationRequested");
        await probe.ExpectAsync("activate");
    }

    [Fact]
    public async Task SiloStop_DeactivatesEveryActivation()
    {
        var silo = await TestSilo.StartAsync();
        var probes = Enumerable.Range(0, 3).Select(_ => Probe.Create()).ToList();
        foreach (var probe in probes)
            await silo.Grains.GetGrain<ITurnGrain>(probe.Id).Echo("x");

        await silo.DisposeAsync();

        foreach (var probe in probes)
        {
            await probe.ExpectAsync("activate");
            await probe.ExpectAsync("deactivate ShuttingDown");
        }
    }
}
