using Actors.Runtime.Tests.Grains;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>Work a connection's read brings (calls to start on a silo, callers to resume with their answers) runs after
/// the read, off the connection's read loop.</summary>
public sealed class ReadWorkTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task BlockedGrainMethod_DoesNotHoldUpCallsThatArriveLaterOnTheSameConnection()
    {
        var cluster = fixture.Cluster;
        var keys = cluster.ProbeKeysOwnedBy<ICallerThreadGrain>(cluster.Silos[0], 3);
        var gate = Guid.NewGuid().ToString("N");
        var blocked = cluster.Client.GetGrain<ICallerThreadGrain>(keys[0]).WaitForGate(gate).AsTask();
        await Task.Delay(TimeSpan.FromMilliseconds(200)); // read and started: its thread now waits on the gate

        await cluster.Client.GetGrain<ICallerThreadGrain>(keys[1]).ThreadId().AsTask().WaitAsync(TimeSpan.FromSeconds(3));
        Assert.False(blocked.IsCompleted);

        Assert.True(await cluster.Client.GetGrain<ICallerThreadGrain>(keys[2]).CallOtherThenOpenGate(Guid.NewGuid().ToString("N"), gate));
        Assert.True(await blocked);
    }

    [Fact]
    public async Task CallerThatBlocksAfterItsAnswer_DoesNotHoldUpAnswersReadLater()
    {
        var cluster = fixture.Cluster;
        var keys = cluster.ProbeKeysOwnedBy<ICallerThreadGrain>(cluster.Silos[0], 2);
        using var release = new ManualResetEventSlim();
        var blockedCaller = Task.Run(async () =>
        {
            await cluster.Client.GetGrain<ICallerThreadGrain>(keys[0]).ThreadId();
            return release.Wait(TimeSpan.FromSeconds(5)); // the caller's code blocks its thread after the answer
        });
        await Task.Delay(TimeSpan.FromMilliseconds(200));

        await cluster.Client.GetGrain<ICallerThreadGrain>(keys[1]).ThreadId().AsTask().WaitAsync(TimeSpan.FromSeconds(3));
        Assert.False(blockedCaller.IsCompleted);

        release.Set();
        Assert.True(await blockedCaller);
    }
}
