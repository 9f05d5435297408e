using Actors.Runtime.Tests.Grains;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>Calls that arrive on a silo's port start after the read that brought them, off the connection's read loop.</summary>
public sealed class IncomingCallTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
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
}
