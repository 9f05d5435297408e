using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>A caller in another process cancels a grain method that takes a cancellation token, on the silo that runs it.</summary>
public sealed class RemoteCancellationTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task CancelledCaller_CancelsTheRunningMethodOnTheSilo_AndTheGrainServesTheNextCall()
    {
        var probe = Probe.Create();
        var grain = fixture.Cluster.Client.GetGrain<ITurnGrain>(probe.Id);
        using var cancellation = new CancellationTokenSource();

        var waiting = grain.WaitForCancellation(cancellation.Token);
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync("enter wait");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        // The grain is not reentrant: it answers only once the waiting method has ended, which takes the cancel frame.
        Assert.Equal("next", await grain.Echo("next").WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task CancelledCall_StillQueuedOnTheSilo_NeverRuns()
    {
        var probe = Probe.Create();
        var grain = fixture.Cluster.Client.GetGrain<ITurnGrain>(probe.Id);
        using var cancellation = new CancellationTokenSource();

        var running = grain.Block("running");
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync("enter running");
        var queued = grain.WaitForCancellation(cancellation.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(100)); // on the silo, waiting behind the running call
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        await Task.Delay(TimeSpan.FromMilliseconds(100)); // the cancel frame reaches the silo

        probe.OpenGate();
        await running;
        await probe.ExpectAsync("exit running");
        Assert.Equal("after", await grain.Echo("after"));
        Assert.False(probe.TryPeek(out var unexpected), $"the cancelled call ran: {unexpected}");
    }
}
