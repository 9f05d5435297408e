using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Invocation;

/// <summary>What cancelling a call must do, checked through any grain factory: a silo's own (the call stays in its
/// process) or a cluster client's (the call and its Cancel frame cross TCP).</summary>
internal static class CancellationScenarios
{
    /// <summary>The token reaches the running grain method and cancels it; the grain then serves the next call (it is
    /// not reentrant, so it answers only once the cancelled method has ended).</summary>
    public static async Task RunningMethodIsCancelledAsync(IGrainFactory grains)
    {
        var probe = Probe.Create();
        var grain = grains.GetGrain<ITurnGrain>(probe.Id);
        using var cancellation = new CancellationTokenSource();

        var waiting = grain.WaitForCancellation(cancellation.Token);
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync("enter wait");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal("next", await grain.Echo("next").WaitAsync(TimeSpan.FromSeconds(5)));
    }

    /// <summary>A call cancelled while it waits behind a running one never starts.</summary>
    public static async Task QueuedCallNeverRunsAsync(IGrainFactory grains)
    {
        var probe = Probe.Create();
        var grain = grains.GetGrain<ITurnGrain>(probe.Id);
        using var cancellation = new CancellationTokenSource();

        var running = grain.Block("running");
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync("enter running");
        var queued = grain.WaitForCancellation(cancellation.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(100)); // waiting behind the running call, wherever the grain lives
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        await Task.Delay(TimeSpan.FromMilliseconds(100)); // a Cancel frame reaches the silo

        probe.OpenGate();
        await running;
        await probe.ExpectAsync("exit running");
        Assert.Equal("after", await grain.Echo("after"));
        Assert.False(probe.TryPeek(out var unexpected), $"the cancelled call ran: {unexpected}");
    }
}
