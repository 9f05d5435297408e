using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Cluster;

public sealed class GracefulStopTests
{
    [Fact]
    public async Task StoppedSilosGrains_DeactivateThere_AndContinueFromTheirStoredStateOnTheNewOwner()
    {
        await using var cluster = await ClusterTesting.StartAsync();
        var leaving = cluster.Silos[1];
        var keys = cluster.ProbeKeysOwnedBy<ICounterGrain>(leaving, count: 5);
        foreach (var key in keys)
        {
            for (var i = 1; i <= 3; i++)
                Assert.Equal(i, await cluster.Client.GetGrain<ICounterGrain>(key).Increment());
        }

        await cluster.StopSiloAsync(leaving);

        foreach (var key in keys)
        {
            var grain = cluster.Client.GetGrain<ICounterGrain>(key);
            Assert.Equal(4, await grain.Increment()); // no waiting for the views to settle: a graceful stop hands over at once
            var id = ClusterTesting.IdOf(grain);
            Assert.Equal([cluster.OwnerOf(id).Name], cluster.SilosWithActivation(id));
            var probe = Probe.For(key);
            await probe.ExpectAsync("activate");
            await probe.ExpectAsync("deactivate " + DeactivationReasonCode.ShuttingDown);
            await probe.ExpectAsync("activate");
        }
    }

    [Fact]
    public async Task StoppingASilo_UnderConcurrentIncrements_FailsNoCall_AndLosesNoIncrement()
    {
        await using var cluster = await ClusterTesting.StartAsync();
        var leaving = cluster.Silos[2];
        var leavingKeys = cluster.ProbeKeysOwnedBy<ICounterGrain>(leaving, count: 4);
        var keys = leavingKeys.Concat(cluster.ProbeKeysOwnedBy<ICounterGrain>(cluster.Silos[0], count: 4)).ToList();
        var load = new IncrementLoad(cluster, keys);

        load.Start(callers: 8);
        await Eventually.TrueAsync(() => leavingKeys.All(k => load.Acknowledged(k) >= 5), "every grain of the leaving silo took increments");
        await cluster.StopSiloAsync(leaving);
        var acknowledgedAtStop = leavingKeys.ToDictionary(k => k, load.Acknowledged);
        await Eventually.TrueAsync(() => leavingKeys.All(k => load.Acknowledged(k) >= acknowledgedAtStop[k] + 5),
            "the leaving silo's grains took increments on their new owners");
        await load.StopAsync();

        Assert.True(load.Failures.IsEmpty, string.Join("\n", load.Failures.Select(f => $"{f.GetType().Name}: {f.Message}").Distinct()));
        foreach (var key in keys)
            Assert.Equal(load.Acknowledged(key), await cluster.Client.GetGrain<ICounterGrain>(key).Get());
    }

    [Fact]
    public async Task GrainStillDeactivatingOnTheLeavingSilo_IsNotActivatedOnItsNewOwnerUntilTheLeavingSiloHasLeft()
    {
        await using var cluster = await ClusterTesting.StartAsync();
        var leaving = cluster.Silos[1];
        var key = cluster.ProbeKeysOwnedBy<ITurnGrain>(leaving, count: 1)[0];
        var grain = cluster.Client.GetGrain<ITurnGrain>(key);
        var probe = Probe.For(key);
        var running = grain.Block("held on the leaving silo");
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync("enter held on the leaving silo");

        var stopping = cluster.StopSiloAsync(leaving); // its deactivation waits for the running call
        await Eventually.TrueAsync(() => cluster.ClientPlacement.Ring.Silos.All(s => s != leaving.Address), "the client routes past the leaving silo");
        var echo = grain.Echo("on the new owner");
        await Task.Delay(TimeSpan.FromMilliseconds(300));

        Assert.False(echo.IsCompleted, "the new owner ran the grain while the leaving silo still had it");
        Assert.False(probe.TryPeek(out var early), $"unexpected event while the leaving silo still runs the grain: {early}");
        probe.OpenGate();
        await probe.ExpectAsync("exit held on the leaving silo");
        await probe.ExpectAsync("deactivate " + DeactivationReasonCode.ShuttingDown);
        await probe.ExpectAsync("activate");
        Assert.Equal("on the new owner", await echo.WaitAsync(Probe.Patience));
        await running.WaitAsync(Probe.Patience);
        await stopping.WaitAsync(Probe.Patience);
    }
}
