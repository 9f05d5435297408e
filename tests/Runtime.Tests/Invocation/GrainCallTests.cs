using Actors.Runtime.Hosting;
using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Runtime.Tests.Invocation;

public sealed class GrainCallTests
{
    [Fact]
    public async Task Call_ReturnsTheGrainsResult()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>(Probe.Create().Id);

        Assert.Equal("hello", await grain.Echo("hello"));
        Assert.Equal(5, await grain.Add(2, 3));
    }

    [Fact]
    public async Task GrainException_ReachesCallerWithItsTypeAndMessage()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>(Probe.Create().Id);

        var thrownSynchronously = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.Throw("bad value"));
        Assert.StartsWith("bad value", thrownSynchronously.Message);
        Assert.Equal("value", thrownSynchronously.ParamName);
        var thrownAfterAwait = await Assert.ThrowsAsync<TestGrainException>(() => grain.ThrowCustom("custom failure"));
        Assert.Equal("custom failure", thrownAfterAwait.Message);

        Assert.Equal("still serving", await grain.Echo("still serving"));
    }

    [Fact]
    public async Task Call_ThatGetsNoAnswerWithinResponseTimeout_ThrowsTimeoutException()
    {
        var time = new FakeTimeProvider();
        await using var silo = await TestSilo.StartAsync(time, silo => silo.Configure<MessagingOptions>(o =>
        {
            o.ResponseTimeout = TimeSpan.FromSeconds(5);
            o.TimeoutCheckPeriod = TimeSpan.FromSeconds(1);
        }));
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<ITurnGrain>(probe.Id);

        var blocked = grain.Block("slow");
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync("enter slow");
        var queued = grain.Echo("queued behind the slow call");
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(blocked.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(2));
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => blocked);
        Assert.Contains("Block", timeout.Message);
        await Assert.ThrowsAsync<TimeoutException>(() => queued);

        probe.OpenGate();
        await probe.ExpectAsync("exit slow");
        Assert.Equal("later", await grain.Echo("later"));
    }

    [Fact]
    public async Task CancellationToken_ReachesTheGrainMethod_AndCancelsTheCall()
    {
        await using var silo = await TestSilo.StartAsync();

        await CancellationScenarios.RunningMethodIsCancelledAsync(silo.Grains);
    }

    [Fact]
    public async Task CancelledCall_ThatWasStillQueued_NeverRuns()
    {
        await using var silo = await TestSilo.StartAsync();

        await CancellationScenarios.QueuedCallNeverRunsAsync(silo.Grains);
    }

    [Fact]
    public async Task GrainCallingAnotherGrain_ResumesOnItsOwnActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var caller = silo.Grains.GetGrain<ITurnGrain>(Probe.Create().Id);

        Assert.True(await caller.CallOtherAndCheckContext(Probe.Create().Id));
    }

    [Fact]
    public async Task GuidAndIntegerKeys_ReachTheGrainUnchanged()
    {
        await using var silo = await TestSilo.StartAsync();
        var guid = Guid.NewGuid();

        Assert.Equal(guid, await silo.Grains.GetGrain<IGuidKeyGrain>(guid).GetKey());
        Assert.Equal(-42L, await silo.Grains.GetGrain<IIntegerKeyGrain>(-42).GetKey());
    }

    [Fact]
    public async Task GetGrain_ReturnsReferencesEqualByIdentity()
    {
        await using var silo = await TestSilo.StartAsync();

        var first = silo.Grains.GetGrain<ITurnGrain>("same");
        var second = silo.Grains.GetGrain<ITurnGrain>("same");

        Assert.Equal(first, second);
        Assert.NotEqual(first, silo.Grains.GetGrain<ITurnGrain>("other"));
        Assert.Equal("turn/same", first.ToString());
    }
}
